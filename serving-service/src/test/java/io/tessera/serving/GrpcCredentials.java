package io.tessera.serving;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** What a gRPC client attaches to send a credential: {@code authorization: Bearer <credential>}. */
final class GrpcCredentials {
  private GrpcCredentials() {}

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  static ClientInterceptor bearer(String credential) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + credential);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
