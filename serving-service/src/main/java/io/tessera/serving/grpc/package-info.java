/**
 * The gRPC adapter ({@code tessera.serving.v1.FeatureServing}) on its own port: maps protobuf
 * messages to {@code online.FeatureRequest} and back, {@code ServingException}s to status codes.
 */
package io.tessera.serving.grpc;
