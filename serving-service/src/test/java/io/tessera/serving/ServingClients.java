package io.tessera.serving;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureSelection;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.GetFeaturesBatchRequest;
import io.tessera.serving.v1.GetFeaturesRequest;
import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serving's endpoints as a client calls them, with any credential or none: what the access tests
 * need to ask every endpoint the same question.
 */
final class ServingClients implements AutoCloseable {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ManagedChannel channel;
  private final int port;
  private final String service;

  ServingClients(int port, int grpcPort, String service) {
    this.port = port;
    this.service = service;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  HttpResponse<String> postFeatures(String credential) {
    return send(
        "/api/v1/features",
        credential,
        "POST",
        "{\"featureService\": \"" + service + "\", \"entities\": [{\"user_id\": \"u1\"}]}");
  }

  HttpResponse<String> getFeatures(String credential) {
    return send(
        "/api/v1/feature-services/" + service + "/features?user_id=u1", credential, "GET", null);
  }

  HttpResponse<String> send(String path, String credential, String method, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (credential != null) {
      request.header("Authorization", TestApiKeys.bearer(credential));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One entity over gRPC; throws the call's {@code StatusRuntimeException} when refused. */
  FeatureVector grpcGet(String credential) {
    return stub(credential)
        .getFeatures(
            GetFeaturesRequest.newBuilder()
                .setSelection(FeatureSelection.newBuilder().setFeatureService(service))
                .setEntity(Entity.newBuilder().putKeys("user_id", "u1"))
                .build());
  }

  /** A batch over gRPC; throws the call's {@code StatusRuntimeException} when refused. */
  int grpcBatch(String credential) {
    return stub(credential)
        .getFeaturesBatch(
            GetFeaturesBatchRequest.newBuilder()
                .setSelection(FeatureSelection.newBuilder().setFeatureService(service))
                .addEntities(Entity.newBuilder().putKeys("user_id", "u1"))
                .addEntities(Entity.newBuilder().putKeys("user_id", "u2"))
                .build())
        .getVectorsCount();
  }

  private FeatureServingGrpc.FeatureServingBlockingStub stub(String credential) {
    var stub =
        FeatureServingGrpc.newBlockingStub(channel).withDeadlineAfter(Duration.ofSeconds(10));
    return credential == null ? stub : stub.withInterceptors(GrpcCredentials.bearer(credential));
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
