package io.tessera.serving.config;

import io.tessera.service.security.BearerCredentials;
import io.tessera.service.security.TesseraSecurityProperties;
import io.tessera.serving.grpc.CredentialsInterceptor;
import io.tessera.serving.grpc.GrpcFeatureServing;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.serving.online.FeatureServingService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gRPC server on {@code tessera.serving.grpc-port}, its calls authorized as REST's feature
 * reads are ({@link ServingAccess#featureReads}).
 */
@Configuration(proxyBeanMethods = false)
class GrpcConfiguration {

  @Bean
  GrpcServer grpcServer(
      FeatureServingService serving,
      ServingProperties properties,
      BearerCredentials credentials,
      TesseraSecurityProperties security) {
    return new GrpcServer(
        new GrpcFeatureServing(serving),
        new CredentialsInterceptor(credentials, ServingAccess.featureReads(security)),
        properties.grpcPort());
  }
}
