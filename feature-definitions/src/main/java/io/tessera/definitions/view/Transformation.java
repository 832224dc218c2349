package io.tessera.definitions.view;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The row-level transformation of a view, in CEL: an optional filter (events for which it is false
 * are skipped, not dead-lettered) and derived columns. Derived columns see the payload columns; the
 * filter sees payload and derived columns. Derived columns do not see each other, so their order
 * carries no meaning and they are kept sorted by name.
 *
 * @param filter a boolean expression; empty keeps every event
 * @param derived derived column name to expression
 */
public record Transformation(Optional<String> filter, Map<String, String> derived) {

  /** No filter, no derived columns. */
  public static final Transformation NONE = new Transformation(Optional.empty(), Map.of());

  public Transformation {
    Objects.requireNonNull(filter, "filter");
    derived = Collections.unmodifiableMap(new TreeMap<>(derived));
  }
}
