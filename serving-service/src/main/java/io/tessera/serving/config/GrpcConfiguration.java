package io.tessera.serving.config;

import io.tessera.service.security.Access;
import io.tessera.service.security.BearerCredentials;
import io.tessera.serving.grpc.CredentialsInterceptor;
import io.tessera.serving.grpc.GrpcFeatureServing;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.serving.online.FeatureServingService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gRPC server on {@code tessera.serving.grpc-port}, on the address HTTP listens on ({@code
 * server.address}: the local stack sets loopback; unset, every interface), its calls authorized as
 * REST's feature reads are (the {@code featureReadAccess} bean of {@link ServingAccess}).
 */
@Configuration(proxyBeanMethods = false)
class GrpcConfiguration {

  @Bean
  GrpcServer grpcServer(
      FeatureServingService serving,
      ServingProperties properties,
      BearerCredentials credentials,
      Access featureReadAccess,
      @Value("${server.address:}") String address) {
    return new GrpcServer(
        new GrpcFeatureServing(serving),
        new CredentialsInterceptor(credentials, featureReadAccess),
        address,
        properties.grpcPort());
  }
}
