package io.tessera.serving.grpc;

import com.google.protobuf.Timestamp;
import io.tessera.engine.function.CapExceeded;
import io.tessera.serving.online.EntityVector;
import io.tessera.serving.online.FeatureSelection;
import io.tessera.serving.online.ServedValue;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureValue;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.Status;
import io.tessera.serving.v1.Value;
import io.tessera.serving.v1.ValueList;
import java.time.Instant;
import java.util.List;

/** Between protobuf messages and the online model. */
final class ProtoMapping {
  private ProtoMapping() {}

  static FeatureSelection selection(io.tessera.serving.v1.FeatureSelection selection) {
    return switch (selection.getSelectionCase()) {
      case FEATURE_SERVICE -> FeatureSelection.ofService(selection.getFeatureService());
      case FEATURES -> FeatureSelection.ofReferences(selection.getFeatures().getReferencesList());
      case SELECTION_NOT_SET -> new FeatureSelection(null, List.of());
    };
  }

  static Instant at(boolean has, Timestamp at) {
    return has ? Instant.ofEpochSecond(at.getSeconds(), at.getNanos()) : null;
  }

  static Timestamp timestamp(long epochMs) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(epochMs, 1000))
        .setNanos((int) Math.floorMod(epochMs, 1000) * 1_000_000)
        .build();
  }

  static FeatureVector vector(EntityVector vector) {
    FeatureVector.Builder out =
        FeatureVector.newBuilder()
            .setEntity(Entity.newBuilder().putAllKeys(vector.entity()))
            .setAt(timestamp(vector.atMs()));
    for (ServedValue value : vector.values()) {
      FeatureValue.Builder served =
          FeatureValue.newBuilder()
              .setName(value.name())
              .setView(value.view())
              .setViewVersion(value.viewVersion())
              .setFeature(value.feature())
              .setWindow(value.window())
              .setValue(value(value.value()))
              .setStatus(status(value.status()));
      if (value.newestEventTimeMs() != null) {
        served.setNewestEventTime(timestamp(value.newestEventTimeMs()));
      }
      out.addValues(served);
    }
    return out.build();
  }

  static Value value(Object value) {
    Value.Builder out = Value.newBuilder();
    if (value instanceof Long l) {
      out.setInt64Value(l);
    } else if (value instanceof Integer i) {
      out.setInt64Value(i);
    } else if (value instanceof Double d) {
      out.setDoubleValue(d);
    } else if (value instanceof String s) {
      out.setStringValue(s);
    } else if (value instanceof Boolean b) {
      out.setBoolValue(b);
    } else if (value instanceof CapExceeded cap) {
      out.setMoreThan(cap.cap());
    } else if (value instanceof List<?> list) {
      ValueList.Builder values = ValueList.newBuilder();
      list.forEach(item -> values.addValues(value(item)));
      out.setListValue(values);
    }
    return out.build();
  }

  static Status status(io.tessera.serving.online.ValueStatus status) {
    return switch (status) {
      case PRESENT -> Status.PRESENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case STALE -> Status.STALE;
      case UNAVAILABLE -> Status.UNAVAILABLE;
    };
  }
}
