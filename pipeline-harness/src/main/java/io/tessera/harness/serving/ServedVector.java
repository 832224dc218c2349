package io.tessera.harness.serving;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One entity's values as a serving instance answered them.
 *
 * @param values by {@code feature:window} ({@code amount_sum:1h}), in the engine's value types:
 *     {@code Long}, {@code Double}, {@code String}, {@code Boolean}, lists of them, {@link
 *     io.tessera.engine.function.CapExceeded}, or null
 * @param statuses by the same key: {@code present}, {@code not_found}, {@code stale}, {@code
 *     unavailable}
 */
public record ServedVector(Map<String, Object> values, Map<String, String> statuses) {

  public ServedVector {
    values = Collections.unmodifiableMap(new HashMap<>(values)); // values may be null
    statuses = Map.copyOf(statuses);
  }

  public static String key(String feature, String window) {
    return feature + ":" + window;
  }

  /** Whether the key was answered at all (a value may be null). */
  public boolean has(String feature, String window) {
    return statuses.containsKey(key(feature, window));
  }

  public Object value(String feature, String window) {
    return values.get(key(feature, window));
  }

  public String status(String feature, String window) {
    return statuses.get(key(feature, window));
  }
}
