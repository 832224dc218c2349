package io.tessera.harness.load;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One raw event as produced to a source: the view whose source it goes to, the entity, the declared
 * event id, the event time, and the payload columns ({@link Long}, {@link Double}, {@link String}
 * or null), with the kind it was drawn as.
 *
 * <p>Every view of the harness has the payload layout {@code {"user_id", "txn_id", "amount" (long),
 * "price" (double), "category" (string), "ts" (epoch ms)}}.
 */
public record SourceEvent(
    String view,
    String entityKey,
    String eventId,
    long eventTimeMs,
    Map<String, Object> values,
    EventKind kind) {

  public SourceEvent {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The same event produced again. */
  public SourceEvent asDuplicate() {
    return new SourceEvent(view, entityKey, eventId, eventTimeMs, values, EventKind.DUPLICATE);
  }

  /** The JSON payload; doubles in Java's shortest round-trip form, so they parse back exactly. */
  public byte[] json() {
    StringBuilder out = new StringBuilder(192).append('{'); // sized for the harness's payloads
    values.forEach(
        (column, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append('"').append(column).append("\":");
          if (value instanceof String text) {
            out.append('"').append(text).append('"');
          } else {
            out.append(value);
          }
        });
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
