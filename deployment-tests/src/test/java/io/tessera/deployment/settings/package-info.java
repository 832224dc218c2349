/**
 * What the services read, derived from their code and configuration rather than kept by hand: the
 * environment placeholders of {@code application.yml} and {@code tessera-common.yml}, the settings
 * their {@code @ConfigurationProperties} records bind, the launcher's heaps, and the memory budget
 * that follows from them. When a setting is added or removed there, these follow.
 */
package io.tessera.deployment.settings;
