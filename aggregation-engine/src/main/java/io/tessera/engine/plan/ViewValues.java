package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import java.util.Map;

/**
 * The finished values of a view for one entity at {@code t}.
 *
 * @param tMs the request time
 * @param values feature name to window to value (null where empty and no default)
 * @param stats what the read cost
 */
public record ViewValues(long tMs, Map<String, Map<WindowSpec, Object>> values, ReadStats stats) {
  public Object get(String feature, WindowSpec window) {
    return values.get(feature).get(window);
  }
}
