package io.tessera.records.normalized;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A {@link NormalizedEvent}'s column values: insertion order, nulls allowed, no one can change
 * them. The event copies (and checks) any other map it is given; this one it keeps as it is, so the
 * map the decoder built for one record, whose values it read as one of the allowed types, is not
 * copied again on every replica's per-record path. Equal to any map with the same entries.
 */
final class EventColumns extends AbstractMap<String, Object> {
  private final LinkedHashMap<String, Object> columns;

  /** Wraps {@code columns}, which the caller hands over: nothing else may keep or change it. */
  EventColumns(LinkedHashMap<String, Object> columns) {
    this.columns = columns;
  }

  @Override
  public Object get(Object column) {
    return columns.get(column);
  }

  @Override
  public boolean containsKey(Object column) {
    return columns.containsKey(column);
  }

  @Override
  public int size() {
    return columns.size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    columns.forEach(action);
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return Collections.unmodifiableMap(columns).entrySet();
  }
}
