package io.tessera.benchmarks.serving;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.tessera.benchmarks.load.Zipf;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureSelection;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.GetFeaturesBatchRequest;
import io.tessera.serving.v1.GetFeaturesRequest;
import io.tessera.testsupport.TestApiKeys;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code GetFeatures} and {@code GetFeaturesBatch} for the benchmark's feature service over one
 * plaintext HTTP/2 channel (requests multiplexed, as a pooled gRPC client would), each with a read
 * key in its metadata, entities drawn Zipf-wise.
 */
final class GrpcCalls implements AutoCloseable {
  private static final long DEADLINE_MS = 5_000;
  private static final FeatureSelection SELECTION =
      FeatureSelection.newBuilder().setFeatureService(BenchmarkDefinitions.SERVICE).build();

  private final ManagedChannel channel;
  private final FeatureServingGrpc.FeatureServingFutureStub stub;
  private final Zipf requests;

  GrpcCalls(int port, Zipf requests) {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Metadata credentials = new Metadata();
    credentials.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        TestApiKeys.bearer(TestApiKeys.READ));
    this.stub =
        FeatureServingGrpc.newFutureStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    this.requests = requests;
  }

  private Entity entity(SplittableRandom random) {
    return Entity.newBuilder()
        .putKeys("user_id", HistoryLoader.user(requests.sample(random)))
        .build();
  }

  OpenLoop.Call single() {
    return random ->
        complete(
            stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                .getFeatures(
                    GetFeaturesRequest.newBuilder()
                        .setSelection(SELECTION)
                        .setEntity(entity(random))
                        .build()),
            vector -> vector.getValuesCount() == BenchmarkDefinitions.VALUES_PER_ENTITY);
  }

  OpenLoop.Call batch(int entities) {
    return random -> {
      GetFeaturesBatchRequest.Builder request =
          GetFeaturesBatchRequest.newBuilder().setSelection(SELECTION);
      for (int i = 0; i < entities; i++) {
        request.addEntities(entity(random));
      }
      return complete(
          stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
              .getFeaturesBatch(request.build()),
          response -> response.getVectorsCount() == entities);
    };
  }

  private static <T> CompletableFuture<Boolean> complete(
      ListenableFuture<T> call, Predicate<T> good) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Futures.addCallback(
        call,
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T response) {
            result.complete(good.test(response));
          }

          @Override
          public void onFailure(Throwable failure) {
            result.completeExceptionally(failure);
          }
        },
        MoreExecutors.directExecutor());
    return result;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
