package io.tessera.engine.event;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's column values: a map no one can change, built once. {@link Event} copies any other map
 * it is given, and this one it keeps as it is, so an event read from bytes, projected for a lineage
 * or moved to another offset costs one map, not one per step (a few per event on the hot path of
 * every owner and follower). Equal to any map with the same entries.
 */
public final class EventValues extends AbstractMap<String, Object> {
  private final Map<String, Object> values;

  private EventValues(Map<String, Object> values) {
    this.values = values;
  }

  /** The values of {@code values}, copied unless they already are an event's. */
  static Map<String, Object> of(Map<String, Object> values) {
    // HashMap, not Map.copyOf: a missing column is as valid as a null one, and copyOf rejects nulls
    return values instanceof EventValues kept ? kept : new EventValues(new HashMap<>(values));
  }

  /** Values of about {@code columns} columns, put one by one. */
  public static Builder builder(int columns) {
    return new Builder(columns);
  }

  /** Builds one event's values; its map never escapes, so the values need no copy. */
  public static final class Builder {
    private HashMap<String, Object> values;

    private Builder(int columns) {
      this.values = new HashMap<>(Math.max(4, columns * 4 / 3 + 1));
    }

    public Builder put(String column, Object value) {
      values.put(column, value);
      return this;
    }

    /** The values put so far; the builder must not be used after. */
    public Map<String, Object> build() {
      Map<String, Object> built = new EventValues(values);
      values = null;
      return built;
    }
  }

  @Override
  public Object get(Object column) {
    return values.get(column);
  }

  @Override
  public boolean containsKey(Object column) {
    return values.containsKey(column);
  }

  @Override
  public int size() {
    return values.size();
  }

  /** Without the wrappers {@link #entrySet} makes per entry: an action cannot change the map. */
  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    values.forEach(action);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return Collections.unmodifiableMap(values).entrySet();
  }
}
