package io.tessera.serving.config;

import io.tessera.serving.grpc.GrpcFeatureServing;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.serving.online.FeatureServingService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gRPC server on {@code tessera.serving.grpc-port}. */
@Configuration(proxyBeanMethods = false)
class GrpcConfiguration {

  @Bean
  GrpcServer grpcServer(FeatureServingService serving, ServingProperties properties) {
    return new GrpcServer(new GrpcFeatureServing(serving), properties.grpcPort());
  }
}
