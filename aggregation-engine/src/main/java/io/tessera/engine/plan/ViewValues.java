package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.ir.Ir;
import java.util.Map;

/**
 * The finished values of a view for one entity at {@code t}.
 *
 * @param tMs the request time
 * @param values feature name to window to value (null where empty and no default)
 * @param stats what the read cost
 * @param newestEventTimesMs feature name to window to the event time of the newest event that
 *     contributed to the value, {@link Ir#NO_EVENT_MS} when none did
 */
public record ViewValues(
    long tMs,
    Map<String, Map<WindowSpec, Object>> values,
    ReadStats stats,
    Map<String, Map<WindowSpec, Long>> newestEventTimesMs) {

  /** Values without event times (every newest event time unknown). */
  public ViewValues(long tMs, Map<String, Map<WindowSpec, Object>> values, ReadStats stats) {
    this(tMs, values, stats, Map.of());
  }

  public Object get(String feature, WindowSpec window) {
    return values.get(feature).get(window);
  }

  /** The newest contributing event time, or {@link Ir#NO_EVENT_MS} when no event contributed. */
  public long newestEventTimeMs(String feature, WindowSpec window) {
    Map<WindowSpec, Long> byWindow = newestEventTimesMs.get(feature);
    Long newest = byWindow == null ? null : byWindow.get(window);
    return newest == null ? Ir.NO_EVENT_MS : newest;
  }
}
