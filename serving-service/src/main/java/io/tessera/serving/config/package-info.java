/**
 * Wiring: properties, the registry client, the decorated store, the gRPC server's lifecycle. The
 * only place that knows how the pieces fit.
 */
package io.tessera.serving.config;
