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
import java.util.function.Supplier;

/** {@code FeatureServing} over gRPC: maps, calls the online service, maps back. */
public final class GrpcFeatureServing extends FeatureServingGrpc.FeatureServingImplBase {
  private final FeatureServingService serving;

  public GrpcFeatureServing(FeatureServingService serving) {
    this.serving = serving;
  }

  @Override
  public void getFeatures(GetFeaturesRequest request, StreamObserver<FeatureVector> response) {
    answer(
        response,
        () -> {
          List<EntityVector> vectors =
              serving.getFeatures(
                  new FeatureRequest(
                      ProtoMapping.selection(request.getSelection()),
                      List.of(keys(request.getEntity())),
                      ProtoMapping.at(request.hasAt(), request.getAt()),
                      request.getAllOrNothing()));
          return ProtoMapping.vector(vectors.get(0));
        });
  }

  @Override
  public void getFeaturesBatch(
      GetFeaturesBatchRequest request, StreamObserver<GetFeaturesBatchResponse> response) {
    answer(
        response,
        () -> {
          List<EntityVector> vectors =
              serving.getFeatures(
                  new FeatureRequest(
                      ProtoMapping.selection(request.getSelection()),
                      request.getEntitiesList().stream().map(GrpcFeatureServing::keys).toList(),
                      ProtoMapping.at(request.hasAt(), request.getAt()),
                      request.getAllOrNothing()));
          GetFeaturesBatchResponse.Builder out = GetFeaturesBatchResponse.newBuilder();
          vectors.forEach(vector -> out.addVectors(ProtoMapping.vector(vector)));
          return out.build();
        });
  }

  private static Map<String, String> keys(Entity entity) {
    return entity.getKeysMap();
  }

  private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (ServingException e) {
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
      response.onError(status.withDescription(detail).asRuntimeException());
      return;
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }
}
