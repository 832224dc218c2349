/**
 * A container's health check: the services' images have no shell, curl or wget (a jlink runtime on
 * {@code scratch}), so compose asks the service's own JVM to probe its readiness endpoint.
 */
package io.tessera.service.health;
