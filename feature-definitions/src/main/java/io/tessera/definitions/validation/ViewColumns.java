package io.tessera.definitions.validation;

import io.tessera.definitions.feature.ValueType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns a view's features and keys may use: payload columns and derived columns. A derived
 * column whose expression does not compile is known but has no type, so its users are not blamed
 * for its error a second time.
 */
final class ViewColumns {

  private final Map<String, ValueType> types = new LinkedHashMap<>();
  private final Set<String> names = new TreeSet<>();

  ViewColumns(Map<String, ValueType> payload, Set<String> derived, Map<String, ValueType> typed) {
    types.putAll(payload);
    types.putAll(typed);
    names.addAll(payload.keySet());
    names.addAll(derived);
  }

  boolean isKnown(String column) {
    return names.contains(column);
  }

  Optional<ValueType> typeOf(String column) {
    return Optional.ofNullable(types.get(column));
  }

  String unknown(String column) {
    return "unknown column '"
        + column
        + "': declare it in schema or as a derived column (known: "
        + String.join(", ", names)
        + ")";
  }

  static String typeName(ValueType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
