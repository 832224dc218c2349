package io.tessera.serving.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tessera.serving.online.EntityVector;
import io.tessera.serving.online.FeatureRequest;
import io.tessera.serving.online.FeatureServingService;
import io.tessera.serving.online.ServingException;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.GetFeaturesBatchRequest;
import io.tessera.serving.v1.GetFeaturesBatchResponse;
import io.tessera.serving.v1.GetFeaturesRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code FeatureServing} over gRPC: maps, calls the online service, maps back. A handler returns as
 * soon as the service has started its reads; the call is answered from the service stage's
 * callback, on the thread that completes it, so no handler thread waits for the store.
 */
public final class GrpcFeatureServing extends FeatureServingGrpc.FeatureServingImplBase {
  private final FeatureServingService serving;

  public GrpcFeatureServing(FeatureServingService serving) {
    this.serving = serving;
  }

  @Override
  public void getFeatures(GetFeaturesRequest request, StreamObserver<FeatureVector> response) {
    answer(
        response,
        () ->
            serving.getFeatures(
                new FeatureRequest(
                    ProtoMapping.selection(request.getSelection()),
                    List.of(keys(request.getEntity())),
                    ProtoMapping.at(request.hasAt(), request.getAt()),
                    request.getAllOrNothing())),
        vectors -> ProtoMapping.vector(vectors.get(0)));
  }

  @Override
  public void getFeaturesBatch(
      GetFeaturesBatchRequest request, StreamObserver<GetFeaturesBatchResponse> response) {
    answer(
        response,
        () ->
            serving.getFeatures(
                new FeatureRequest(
                    ProtoMapping.selection(request.getSelection()),
                    request.getEntitiesList().stream().map(GrpcFeatureServing::keys).toList(),
                    ProtoMapping.at(request.hasAt(), request.getAt()),
                    request.getAllOrNothing())),
        vectors -> {
          GetFeaturesBatchResponse.Builder out = GetFeaturesBatchResponse.newBuilder();
          vectors.forEach(vector -> out.addVectors(ProtoMapping.vector(vector)));
          return out.build();
        });
  }

  private static Map<String, String> keys(Entity entity) {
    return entity.getKeysMap();
  }

  /**
   * Starts the call and answers {@code response} when its stage completes: the mapped result, or
   * the failure as a status. A failure while mapping the request (before any read) is answered the
   * same way, at once.
   */
  private static <T> void answer(
      StreamObserver<T> response,
      Supplier<CompletionStage<List<EntityVector>>> call,
      Function<List<EntityVector>, T> toProto) {
    CompletionStage<List<EntityVector>> vectors;
    try {
      vectors = call.get();
    } catch (RuntimeException e) {
      response.onError(statusOf(e).asRuntimeException());
      return;
    }
    vectors.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            response.onError(statusOf(failure).asRuntimeException());
            return;
          }
          T message;
          try {
            message = toProto.apply(result);
          } catch (RuntimeException e) {
            response.onError(statusOf(e).asRuntimeException());
            return;
          }
          response.onNext(message);
          response.onCompleted();
        });
  }

  /** INVALID_ARGUMENT, NOT_FOUND or UNAVAILABLE by the serving error's kind; else INTERNAL. */
  private static Status statusOf(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ServingException e) {
      Status status =
          switch (e.kind()) {
            case INVALID -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case UNAVAILABLE -> Status.UNAVAILABLE;
          };
      String detail =
          e.errors().isEmpty()
              ? e.getMessage()
              : e.getMessage() + ": " + String.join("; ", e.errors());
      return status.withDescription(detail);
    }
    return Status.INTERNAL.withDescription(cause.toString());
  }
}
