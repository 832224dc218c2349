package io.tessera.ingest.normalize;

import io.tessera.definitions.json.UnicodeText;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Decodes a JSON payload into the top-level field map that a compiled transformation reads. */
final class PayloadDecoder {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          // A key written twice is ambiguous: which value did the producer mean? Refuse it.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // "{...} garbage" is a broken record, not an object followed by noise.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private PayloadDecoder() {}

  /**
   * The payload's fields: numbers as Integer, Long, BigInteger or Double, nested objects and arrays
   * as maps and lists (which the transformation refuses for any declared column).
   *
   * @throws IllegalArgumentException if the payload is not one JSON object
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> decode(byte[] payload) {
    if (payload.length == 0) {
      throw new IllegalArgumentException("the payload is empty");
    }
    Object value;
    try {
      value = JSON.readValue(payload, Object.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "expected a JSON object, got " + (value == null ? "null" : "a JSON " + kind(value)));
    }
    UnicodeText.firstNotUnicode(map)
        .ifPresent(
            field -> {
              // JSON lets an escaped lone surrogate through, but the normalized record's UTF-8
              // would turn it into '?', so two different keys or event ids could become one
              throw new IllegalArgumentException(
                  "field '" + field + "' holds text that is not valid Unicode (a lone surrogate)");
            });
    return (Map<String, Object>) map;
  }

  private static String kind(Object value) {
    if (value instanceof List<?>) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    return "boolean";
  }
}
