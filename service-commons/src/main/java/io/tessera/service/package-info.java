/**
 * What the four services share beyond Spring Boot: configuration defaults ({@code
 * tessera-common.yml}) and the auto-configuration that registers the pieces below.
 */
package io.tessera.service;
