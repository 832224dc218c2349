/**
 * The registry-service: HTTP API for feature views ({@code view}) and feature services ({@code
 * featureservice}) over one generic versioning core ({@code definition}), stored in Cassandra
 * ({@code store}), published to the feature-definitions topic ({@code publish}), with its access
 * rules ({@code auth}) and RFC 9457 errors ({@code problem}, {@code web}).
 */
package io.tessera.registry;
