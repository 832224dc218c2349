/**
 * The public language of the platform: feature views and services, their validation, versions and
 * the sandboxed row transformations. {@link io.tessera.definitions.Definitions} is the entry point
 * for services: JSON text in, a valid definition or every problem out. Plain Java, no Spring.
 */
package io.tessera.definitions;
