package io.tessera.definitions.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event after the transformation: its entity key, time, id and column values. This is what
 * ingest publishes as a normalized event and what backfill aggregates.
 *
 * @param entityKey the entity's join-key values ({@link Long} or {@link String}), in key order
 * @param eventTimeMs the event time, epoch milliseconds
 * @param eventId the event's id, if the view declares one
 * @param values every payload and derived column: {@link Long}, {@link Double}, {@link String},
 *     {@link Boolean}, timestamps as epoch-millisecond {@link Long}s, or {@code null}
 */
public record NormalizedRow(
    List<Object> entityKey,
    long eventTimeMs,
    Optional<String> eventId,
    Map<String, Object> values) {

  public NormalizedRow {
    entityKey = List.copyOf(entityKey);
    Objects.requireNonNull(eventId, "eventId");
    // Values may be null (a missing field), which Map.copyOf refuses.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
