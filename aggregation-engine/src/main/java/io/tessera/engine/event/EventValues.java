package io.tessera.engine.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * An event's column values: a map no one can change, built once. {@link Event} copies any other map
 * it is given, and this one it keeps as it is, so an event read from bytes, projected for a lineage
 * or moved to another offset costs one map, not one per step (a few per event on the hot path of
 * every owner and follower). Equal to any map with the same entries.
 *
 * <p>Up to {@link #ARRAYS_UP_TO} columns (a lineage keeps the few its features read) the values are
 * two arrays in the order put, searched in order: the names a function asks for are mostly the very
 * instances put, so a lookup compares references, and the map costs three objects instead of a hash
 * map's table and entry per column. Wider events keep a hash map. Nothing reads an event's values
 * in their iteration order to make bytes that outlive the process (sealed rows sort the names).
 */
public final class EventValues extends AbstractMap<String, Object> {
  /** Up to this many columns a search in order beats hashing the name. */
  static final int ARRAYS_UP_TO = 8;

  private final String[] names; // null for a wide event, whose values are in map
  private final Object[] values;
  private final int size;
  private final Map<String, Object> map;

  private EventValues(String[] names, Object[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
    this.map = null;
  }

  private EventValues(Map<String, Object> map) {
    this.names = null;
    this.values = null;
    this.size = map.size();
    this.map = map;
  }

  /** The values of {@code values}, copied unless they already are an event's. */
  static Map<String, Object> of(Map<String, Object> values) {
    if (values instanceof EventValues kept) {
      return kept;
    }
    // not Map.copyOf: a missing column is as valid as a null one, and copyOf rejects nulls
    Builder copy = new Builder(values.size());
    values.forEach(copy::put);
    return copy.build();
  }

  /** Values of about {@code columns} columns, put one by one. */
  public static Builder builder(int columns) {
    return new Builder(columns);
  }

  /** Builds one event's values; its arrays or map never escape, so the values need no copy. */
  public static final class Builder {
    private String[] names;
    private Object[] values;
    private int size;
    private HashMap<String, Object> map; // past ARRAYS_UP_TO columns
    private boolean built;

    private Builder(int columns) {
      if (columns > ARRAYS_UP_TO) {
        map = new HashMap<>(columns * 4 / 3 + 1);
      } else {
        names = new String[Math.max(1, columns)];
        values = new Object[names.length];
      }
    }

    /** Puts {@code value} under {@code column}; a second put of a column replaces the first. */
    public Builder put(String column, Object value) {
      if (built) {
        throw new IllegalStateException("the values were built already");
      }
      if (map != null) {
        map.put(column, value);
        return this;
      }
      for (int i = 0; i < size; i++) {
        if (same(names[i], column)) {
          values[i] = value;
          return this;
        }
      }
      if (size == ARRAYS_UP_TO) {
        map = new HashMap<>(2 * ARRAYS_UP_TO);
        for (int i = 0; i < size; i++) {
          map.put(names[i], values[i]);
        }
        map.put(column, value);
        names = null;
        values = null;
        return this;
      }
      if (size == names.length) {
        int length = Math.min(ARRAYS_UP_TO, 2 * size);
        names = Arrays.copyOf(names, length);
        values = Arrays.copyOf(values, length);
      }
      names[size] = column;
      values[size] = value;
      size++;
      return this;
    }

    /** The values put so far; the builder must not be used after. */
    public Map<String, Object> build() {
      built = true;
      return map != null ? new EventValues(map) : new EventValues(names, values, size);
    }
  }

  private static boolean same(String name, Object column) {
    return name == column || (name != null && name.equals(column));
  }

  private int indexOf(Object column) {
    for (int i = 0; i < size; i++) {
      if (same(names[i], column)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Object get(Object column) {
    if (map != null) {
      return map.get(column);
    }
    int i = indexOf(column);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object column) {
    return map != null ? map.containsKey(column) : indexOf(column) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  /** Without the wrappers {@link #entrySet} makes per entry: an action cannot change the map. */
  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    if (map != null) {
      map.forEach(action);
      return;
    }
    for (int i = 0; i < size; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /** Without the entries {@link #entrySet} would make to walk a narrow event's names. */
  @Override
  public Set<String> keySet() {
    if (map != null) {
      return Collections.unmodifiableSet(map.keySet());
    }
    return new Narrow<>(i -> names[i]);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    if (map != null) {
      return Collections.unmodifiableMap(map).entrySet();
    }
    return new Narrow<>(i -> new SimpleImmutableEntry<>(names[i], values[i]));
  }

  /** A view of a narrow event's columns, each as {@code at} makes it from its index. */
  private final class Narrow<T> extends AbstractSet<T> {
    private final IntFunction<T> at;

    Narrow(IntFunction<T> at) {
      this.at = at;
    }

    @Override
    public Iterator<T> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public T next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          return at.apply(next++);
        }
      };
    }

    @Override
    public int size() {
      return size;
    }
  }
}
