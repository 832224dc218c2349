package io.tessera.serving.rest;

import io.tessera.engine.function.CapExceeded;
import io.tessera.serving.online.EntityVector;
import io.tessera.serving.online.ServedValue;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the answers exactly as Jackson writes {@link FeaturesResponseBody} and its {@link
 * FeaturesResponseBody.Vector}, field by field, without building those records: the serving
 * benchmark's REST answer (18 values) cost a record tree and a bean-serializer walk per request.
 * Generators come from the JSON codec's {@link ObjectMapper}, so numbers (a NaN or infinite double
 * as a string), escaping and anything unexpected (written as a POJO) follow its configuration.
 * {@code FeaturesJsonWriterTest} compares both on random answers, so the two cannot drift.
 */
final class FeaturesJsonWriter {

  /** An 18-value answer is about 4 KB; the buffer grows when a batch needs more. */
  private static final int INITIAL_BYTES = 4096;

  private final ObjectMapper mapper;

  FeaturesJsonWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** {@code {"at", "results"}}: the answer of {@code POST /api/v1/features}. */
  DataBuffer answer(List<EntityVector> vectors, DataBufferFactory buffers) {
    DataBuffer buffer = buffers.allocateBuffer(INITIAL_BYTES);
    try {
      writeAnswer(vectors, buffer.asOutputStream());
      return buffer;
    } catch (RuntimeException e) {
      DataBufferUtils.release(buffer);
      throw e;
    }
  }

  /** One {@code {"entity", "values"}}: the answer of the one-entity {@code GET}. */
  DataBuffer vector(EntityVector vector, DataBufferFactory buffers) {
    DataBuffer buffer = buffers.allocateBuffer(INITIAL_BYTES);
    try {
      writeVector(vector, buffer.asOutputStream());
      return buffer;
    } catch (RuntimeException e) {
      DataBufferUtils.release(buffer);
      throw e;
    }
  }

  /**
   * A problem as the application's JSON codec writes it (its mapper knows {@code ProblemDetail}).
   */
  DataBuffer problem(ProblemDetail problem, DataBufferFactory buffers) {
    return buffers.wrap(mapper.writeValueAsBytes(problem));
  }

  void writeAnswer(List<EntityVector> vectors, OutputStream out) {
    try (JsonGenerator json = mapper.createGenerator(out)) {
      json.writeStartObject();
      // FeaturesResponseBody.of: the first vector's time, the epoch when there is none
      json.writeName("at");
      json.writeString(instant(vectors.isEmpty() ? 0 : vectors.get(0).atMs()));
      json.writeName("results");
      json.writeStartArray();
      for (EntityVector vector : vectors) {
        vector(json, vector);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  void writeVector(EntityVector vector, OutputStream out) {
    try (JsonGenerator json = mapper.createGenerator(out)) {
      vector(json, vector);
    }
  }

  private static void vector(JsonGenerator json, EntityVector vector) {
    json.writeStartObject();
    json.writeName("entity");
    if (vector.entity() == null) {
      json.writeNull();
    } else {
      json.writeStartObject();
      for (Map.Entry<String, String> key : vector.entity().entrySet()) {
        json.writeName(key.getKey());
        nullableString(json, key.getValue());
      }
      json.writeEndObject();
    }
    json.writeName("values");
    json.writeStartArray();
    for (ServedValue value : vector.values()) {
      value(json, value);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * {@link FeaturesResponseBody.Value}: in declaration order, null members left out ({@code
   * NON_NULL}) but {@code value}, which is always written.
   */
  private static void value(JsonGenerator json, ServedValue value) {
    json.writeStartObject();
    optionalString(json, "name", value.name());
    optionalString(json, "view", value.view());
    json.writeName("viewVersion");
    json.writeNumber(value.viewVersion());
    optionalString(json, "feature", value.feature());
    optionalString(json, "window", value.window());
    json.writeName("value");
    if (value.value() instanceof CapExceeded cap) { // FeaturesResponseBody.Value.of's map
      json.writeStartObject();
      json.writeName("moreThan");
      json.writeNumber(cap.cap());
      json.writeEndObject();
    } else {
      served(json, value.value());
    }
    optionalString(json, "status", value.status().jsonName());
    if (value.newestEventTimeMs() != null) {
      json.writeName("newestEventTime");
      json.writeString(instant(value.newestEventTimeMs()));
    }
    json.writeEndObject();
  }

  /**
   * The value kinds a function finishes to; anything else (a {@link CapExceeded} in a list too) as
   * Jackson would write it.
   */
  private static void served(JsonGenerator json, Object value) {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else if (value instanceof Double number) {
      json.writeNumber(number);
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        served(json, element);
      }
      json.writeEndArray();
    } else {
      json.writePOJO(value);
    }
  }

  private static void optionalString(JsonGenerator json, String name, String value) {
    if (value != null) {
      json.writeName(name);
      json.writeString(value);
    }
  }

  private static void nullableString(JsonGenerator json, String value) {
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value);
    }
  }

  /** As Jackson writes an {@link Instant} when dates are not written as timestamps. */
  private static String instant(long epochMs) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMs));
  }
}
