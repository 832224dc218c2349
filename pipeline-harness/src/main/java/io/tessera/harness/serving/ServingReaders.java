package io.tessera.harness.serving;

import io.tessera.harness.pipeline.ServiceSpecs;
import io.tessera.harness.process.ServiceProcess;
import java.util.ArrayList;
import java.util.List;

/** Clients of serving processes of a pipeline, with the credentials its clients are given. */
public final class ServingReaders {
  private ServingReaders() {}

  /** Reads over REST from {@code serving}. */
  public static FeatureReads rest(ServiceProcess serving) {
    return new RestFeatureReads(serving.uri("/"), ServiceSpecs.clientHeaders());
  }

  /** Reads over gRPC from {@code serving}. */
  public static FeatureReads grpc(ServiceProcess serving) {
    return new GrpcFeatureReads(
        ServiceSpecs.grpcPort(serving.spec()), ServiceSpecs.clientHeaders());
  }

  /** Per serving process in order, a REST reader and then a gRPC one. */
  public static List<FeatureReads> restAndGrpc(List<ServiceProcess> servings) {
    List<FeatureReads> readers = new ArrayList<>();
    for (ServiceProcess serving : servings) {
      readers.add(rest(serving));
      readers.add(grpc(serving));
    }
    return readers;
  }
}
