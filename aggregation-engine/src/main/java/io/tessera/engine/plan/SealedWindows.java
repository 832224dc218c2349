package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read's use of a {@link SealedWindowCache}: per window, whether its sealed prefix is cached
 * (then its tiles are not read at all) or not (then they are read, merged once and cached), as the
 * follower's reader uses it.
 */
public final class SealedWindows {
  private final SealedWindowCache cache;
  private final EntityRef entity;
  private final List<WindowPlan> plans;
  private final List<SealedPrefix> prefixes = new ArrayList<>();
  private final List<Ir[]> cached = new ArrayList<>();
  private int hits;

  private SealedWindows(SealedWindowCache cache, EntityRef entity, ReadPlan plan, long sealedMs) {
    this.cache = cache;
    this.entity = entity;
    this.plans = plan.windows();
    for (WindowPlan window : plans) {
      SealedPrefix prefix =
          cache == SealedWindowCache.NONE ? null : SealedPrefix.of(window, sealedMs).orElse(null);
      Ir[] states = prefix == null ? null : cache.get(key(prefix));
      prefixes.add(prefix);
      cached.add(states);
      if (states != null) {
        hits++;
      }
    }
  }

  /** Looks up the sealed prefix of every window of {@code plan}. */
  public static SealedWindows lookUp(
      SealedWindowCache cache, EntityRef entity, ReadPlan plan, long sealedBeforeMs) {
    return new SealedWindows(cache, entity, plan, sealedBeforeMs);
  }

  /** The plan to read: {@code full} without the tiles of cached prefixes. */
  public ReadPlan readPlan(ReadPlanner planner, ReadPlan full) {
    if (hits == 0) {
      return full;
    }
    List<WindowPlan> toRead = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      toRead.add(cached.get(i) != null ? prefixes.get(i).rest() : plans.get(i));
    }
    return planner.gather(full.tMs(), toRead);
  }

  /** Every window's IRs; the prefixes that were read are merged once and cached. */
  public Map<WindowSpec, Ir[]> merge(WindowMerger merger, PlanInputs inputs) {
    Map<WindowSpec, Ir[]> result = new LinkedHashMap<>();
    for (int i = 0; i < plans.size(); i++) {
      WindowPlan window = plans.get(i);
      SealedPrefix prefix = prefixes.get(i);
      if (prefix == null) {
        result.put(window.window(), merger.mergeWindow(window, inputs));
        continue;
      }
      Ir[] sealed = cached.get(i);
      if (sealed == null) {
        sealed = merger.mergeTiles(prefix.tiles(), inputs);
        cache.put(key(prefix), sealed);
      }
      result.put(window.window(), merger.mergeWindow(prefix, sealed, inputs));
    }
    return result;
  }

  private SealedWindowCache.Key key(SealedPrefix prefix) {
    return new SealedWindowCache.Key(entity, prefix.range().fromMs(), prefix.range().toMs());
  }
}
