/**
 * The services' image tarballs (Jib's {@code target/jib-image.tar}, built at {@code package}),
 * opened as a container engine would: the index, the manifest, the configuration and the layers.
 */
package io.tessera.deployment.images;
