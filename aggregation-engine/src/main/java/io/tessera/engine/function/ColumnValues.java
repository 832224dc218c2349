package io.tessera.engine.function;

import io.tessera.definitions.feature.ValueType;
import java.util.Comparator;

/**
 * Brings column values to one Java type per {@link ValueType} (Long for longs and timestamps,
 * Double, String, Boolean), so IRs compare, hash and encode them consistently.
 */
final class ColumnValues {
  /** Natural order within one value type (all normalized values are Comparable). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final Comparator<Object> NATURAL = (a, b) -> ((Comparable) a).compareTo(b);

  private ColumnValues() {}

  static Object normalize(ValueType type, Object value) {
    // a value of the column's own box is returned as it is, not boxed anew (per event per feature)
    return switch (type) {
      case LONG, TIMESTAMP -> value instanceof Long ? value : ((Number) value).longValue();
      case DOUBLE -> value instanceof Double ? value : ((Number) value).doubleValue();
      case STRING -> (String) value;
      case BOOLEAN -> (Boolean) value;
    };
  }
}
