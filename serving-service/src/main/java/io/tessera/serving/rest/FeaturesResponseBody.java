package io.tessera.serving.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tessera.engine.function.CapExceeded;
import io.tessera.serving.online.EntityVector;
import io.tessera.serving.online.ServedValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer: one vector per requested entity, in request order. {@link FeaturesJsonWriter} writes
 * it without building these records; they are its reference (FeaturesJsonWriterTest) and the
 * answer's schema in the OpenAPI document.
 */
public record FeaturesResponseBody(Instant at, List<Vector> results) {

  /** The values of one entity. */
  public record Vector(Map<String, String> entity, List<Value> values) {
    static Vector of(EntityVector vector) {
      return new Vector(vector.entity(), vector.values().stream().map(Value::of).toList());
    }
  }

  /**
   * One value; {@code newestEventTime} is absent when no event contributed (when no window of the
   * view has one: absent unless the entity has an older event within the view's retention). A
   * {@code count_distinct} over its cap is {@code {"moreThan": cap}}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Value(
      String name,
      String view,
      int viewVersion,
      String feature,
      String window,
      @JsonInclude(JsonInclude.Include.ALWAYS) Object value,
      String status,
      Instant newestEventTime) {
    static Value of(ServedValue value) {
      return new Value(
          value.name(),
          value.view(),
          value.viewVersion(),
          value.feature(),
          value.window(),
          value.value() instanceof CapExceeded cap ? Map.of("moreThan", cap.cap()) : value.value(),
          value.status().jsonName(),
          value.newestEventTimeMs() == null
              ? null
              : Instant.ofEpochMilli(value.newestEventTimeMs()));
    }
  }

  static FeaturesResponseBody of(List<EntityVector> vectors) {
    long atMs = vectors.isEmpty() ? 0 : vectors.get(0).atMs();
    return new FeaturesResponseBody(
        Instant.ofEpochMilli(atMs), vectors.stream().map(Vector::of).toList());
  }
}
