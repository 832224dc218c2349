package io.tessera.definitions.view;

import io.tessera.definitions.feature.ValueType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The declared top-level columns of a view's payloads and their types. Expressions are type-checked
 * against it, feature inputs are checked against it, and ingest coerces each payload to it (an
 * event whose value does not fit its column is dead-lettered). Payload fields not declared here are
 * ignored.
 *
 * @param columns column name to type, in declared order
 */
public record PayloadSchema(Map<String, ValueType> columns) {

  public PayloadSchema {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  public Optional<ValueType> typeOf(String column) {
    return Optional.ofNullable(columns.get(column));
  }
}
