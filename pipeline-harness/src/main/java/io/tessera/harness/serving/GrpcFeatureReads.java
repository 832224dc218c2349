package io.tessera.harness.serving;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.tessera.engine.function.CapExceeded;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureList;
import io.tessera.serving.v1.FeatureSelection;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.FeatureValue;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.GetFeaturesRequest;
import io.tessera.serving.v1.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code GetFeatures} over a plaintext channel, with explicit references, one entity. */
public final class GrpcFeatureReads implements FeatureReads {
  /**
   * Generous: a new channel's first call includes connecting, and a loaded two-core machine running
   * every service at once may take seconds for it; a wrong value fails a test, not a slow one.
   */
  private static final long DEADLINE_MS = 30_000;

  private final ManagedChannel channel;
  private final FeatureServingGrpc.FeatureServingBlockingStub stub;

  /**
   * @param port the serving instance's gRPC port on this machine
   * @param metadata sent with every call (credentials)
   */
  public GrpcFeatureReads(int port, Map<String, String> metadata) {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Metadata headers = new Metadata();
    metadata.forEach(
        (name, value) ->
            headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    this.stub =
        FeatureServingGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Override
  public ServedVector read(
      String view, List<String> features, String keyColumn, String entity, long atMs) {
    FeatureList.Builder references = FeatureList.newBuilder();
    features.forEach(feature -> references.addReferences(view + ":" + feature));
    FeatureVector vector =
        stub.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
            .getFeatures(
                GetFeaturesRequest.newBuilder()
                    .setSelection(FeatureSelection.newBuilder().setFeatures(references))
                    .setEntity(Entity.newBuilder().putKeys(keyColumn, entity))
                    .setAt(timestamp(atMs))
                    .build());
    Map<String, Object> values = new HashMap<>();
    Map<String, String> statuses = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    for (FeatureValue value : vector.getValuesList()) {
      String key = ServedVector.key(value.getFeature(), value.getWindow());
      values.put(key, engineValue(value.getValue()));
      statuses.put(key, value.getStatus().name().toLowerCase(Locale.ROOT));
      versions.put(key, value.getViewVersion());
    }
    return new ServedVector(values, statuses, versions);
  }

  private static Object engineValue(Value value) {
    switch (value.getKindCase()) {
      case INT64_VALUE:
        return value.getInt64Value();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case MORE_THAN:
        return new CapExceeded(Math.toIntExact(value.getMoreThan()));
      case LIST_VALUE:
        List<Object> list = new ArrayList<>();
        value.getListValue().getValuesList().forEach(element -> list.add(engineValue(element)));
        return list;
      default:
        return null;
    }
  }

  private static Timestamp timestamp(long epochMs) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(epochMs, 1000))
        .setNanos((int) Math.floorMod(epochMs, 1000) * 1_000_000)
        .build();
  }

  @Override
  public String transport() {
    return "gRPC";
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
