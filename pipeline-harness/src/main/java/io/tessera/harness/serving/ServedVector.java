package io.tessera.harness.serving;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One entity's values as a serving instance answered them.
 *
 * @param values by {@code feature:window} ({@code amount_sum:1h}), in the engine's value types:
 *     {@code Long}, {@code Double}, {@code String}, {@code Boolean}, lists of them, {@link
 *     io.tessera.engine.function.CapExceeded}, or null
 * @param statuses by the same key: {@code present}, {@code not_found}, {@code stale}, {@code
 *     unavailable}
 * @param versions by the same key: the view version that answered (the pinned one, or the serving
 *     version of an unpinned view)
 */
public record ServedVector(
    Map<String, Object> values, Map<String, String> statuses, Map<String, Integer> versions) {

  public ServedVector {
    values = Collections.unmodifiableMap(new HashMap<>(values)); // values may be null
    statuses = Map.copyOf(statuses);
    versions = Map.copyOf(versions);
  }

  /** The versions that answered, one for a vector of one view. */
  public Set<Integer> answeringVersions() {
    return Set.copyOf(versions.values());
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
