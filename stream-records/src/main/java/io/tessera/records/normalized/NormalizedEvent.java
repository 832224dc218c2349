package io.tessera.records.normalized;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of one entity of one feature-view version, after the view's transformation.
 *
 * @param view the feature view's name
 * @param viewVersion the version of the view whose transformation produced the event
 * @param entityKey the entity, encoded by {@link EntityKeys} from the join-key values
 * @param eventTimeMs the event time, epoch milliseconds
 * @param eventId unique per (view, entity): the declared id, or one ingest derives from the source
 *     position, so that a redelivered event is recognised as the same event
 * @param sourceTimeMs when the event reached its source (the Kafka record or Kinesis arrival
 *     timestamp, or the push request's arrival): freshness is measured from here
 * @param values every payload and derived column: {@link Long} (also timestamps, as epoch ms),
 *     {@link Double}, {@link String}, {@link Boolean} or {@code null}
 */
public record NormalizedEvent(
    String view,
    int viewVersion,
    String entityKey,
    long eventTimeMs,
    String eventId,
    long sourceTimeMs,
    Map<String, Object> values)
    implements NormalizedRecord {

  public NormalizedEvent {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(entityKey, "entityKey");
    Objects.requireNonNull(eventId, "eventId");
    if (viewVersion < 1) {
      throw new IllegalArgumentException("view versions count from 1, was " + viewVersion);
    }
    if (!(values instanceof EventColumns)) { // a decoder's: its values are of the allowed types
      for (Object value : values.values()) {
        if (value != null
            && !(value instanceof Long
                || value instanceof Double
                || value instanceof String
                || value instanceof Boolean)) {
          throw new IllegalArgumentException(
              "column values are Long, Double, String, Boolean or null, not " + value.getClass());
        }
      }
      // Insertion order is kept (payload columns, then derived), and nulls are allowed.
      values = EventColumns.of(new LinkedHashMap<>(values));
    }
  }

  /**
   * Puts the value of each of {@code columns} in {@code into} at its index, null where the event
   * has none: what {@code values().get} answers per column, in one pass over a decoded record's
   * bytes instead of one per column.
   */
  public void read(String[] columns, Object[] into) {
    if (into.length < columns.length) {
      throw new IllegalArgumentException(
          "room for " + into.length + " values of " + columns.length + " columns");
    }
    ((EventColumns) values).readInto(columns, into);
  }
}
