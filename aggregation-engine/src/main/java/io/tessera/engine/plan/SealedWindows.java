package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One read's sealed blocks. A window's sealed prefix ({@link SealedPrefix}) is merged as nested
 * blocks, each kept in a {@link SealedWindowCache} under (entity, its segments): the prefix's
 * segments descend in resolution towards both ends (minutes, hours, days, hours, minutes), so the
 * segments at least as coarse as a resolution form one contiguous run, and that run is one block:
 * its own tiles of that resolution merged in order, with the block of the next coarser run merged
 * in its place. A block found is not read at all; one not found reads its own tiles and looks up
 * its inner block. Segments after the seal point are merged tile by tile.
 *
 * <p>Why nested: a whole prefix starts at the window's start, which moves every finest tile, so its
 * block is only hit within the same minute; its run of hours and days moves once an hour, its days
 * once a day. Requests a minute apart, or a training sweep's sorted spine times of one entity, then
 * merge a prefix from its minute tiles and one cached block, whose own miss costs its hour tiles
 * and one cached block of days. The blocks of hours and days are compacted ({@link
 * WindowMerger#mergeBlock}): a sketch merged from them copies its summary, not every value it
 * buffered.
 *
 * <p>The value never depends on what is cached, nor on whether there is a cache ({@link
 * SealedWindowCache#NONE} only never hits): a block is always built the same way from the same
 * tiles, and merged where its span lies. That keeps a merge order that a sketch can tell apart (a
 * t-digest's) the same for every reader: the owner's, every follower's, a training sweep's.
 */
public final class SealedWindows {
  private final SealedWindowCache cache;
  private final EntityRef entity;
  private final List<WindowPlan> plans;
  private final List<SealedPrefix> prefixes = new ArrayList<>(); // null: nothing sealed
  private final Map<SealedWindowCache.Key, Ir[]> blocks = new HashMap<>(); // found, or merged here
  private final Set<SealedWindowCache.Key> missing = new HashSet<>();
  private final Set<Segment.Tiles> toRead = new HashSet<>(); // sealed tiles no block found covers

  private SealedWindows(SealedWindowCache cache, EntityRef entity, ReadPlan plan, long sealedMs) {
    this.cache = cache;
    this.entity = entity;
    this.plans = plan.windows();
    for (WindowPlan window : plans) {
      SealedPrefix prefix = SealedPrefix.of(window, sealedMs).orElse(null);
      prefixes.add(prefix);
      if (prefix != null) {
        lookUp(prefix.tiles());
      }
    }
  }

  /** Looks up the sealed blocks of every window of {@code plan}. */
  public static SealedWindows lookUp(
      SealedWindowCache cache, EntityRef entity, ReadPlan plan, long sealedBeforeMs) {
    return new SealedWindows(cache, entity, plan, sealedBeforeMs);
  }

  /** The plan to read: {@code full} without the tiles of the blocks found. */
  public ReadPlan readPlan(ReadPlanner planner, ReadPlan full) {
    List<WindowPlan> windows = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      WindowPlan window = plans.get(i);
      SealedPrefix prefix = prefixes.get(i);
      if (prefix == null) {
        windows.add(window);
        continue;
      }
      List<Segment> segments = new ArrayList<>(prefix.rest().segments());
      prefix.tiles().stream().filter(toRead::contains).forEach(segments::add);
      windows.add(new WindowPlan(window.window(), window.startMs(), window.endMs(), segments));
    }
    return planner.gather(full.tMs(), windows);
  }

  /** Every window's IRs; the blocks that were not found are merged once and cached. */
  public Map<WindowSpec, Ir[]> merge(WindowMerger merger, PlanInputs inputs) {
    Map<WindowSpec, Ir[]> result = new LinkedHashMap<>();
    for (int i = 0; i < plans.size(); i++) {
      SealedPrefix prefix = prefixes.get(i);
      result.put(
          plans.get(i).window(),
          prefix == null
              ? merger.mergeWindow(plans.get(i), inputs)
              : merger.mergeWindow(prefix, block(prefix.tiles(), merger, inputs), inputs));
    }
    return result;
  }

  /** Finds the block of {@code run}, or marks its own tiles to be read and looks up its inner. */
  private void lookUp(List<Segment.Tiles> run) {
    SealedWindowCache.Key key = key(run);
    if (blocks.containsKey(key) || missing.contains(key)) {
      return;
    }
    Ir[] states = cache.get(key);
    if (states != null) {
      blocks.put(key, states);
      return;
    }
    missing.add(key);
    long resolutionMs = key.resolutionMs();
    run.stream().filter(tiles -> tiles.resolutionMs() == resolutionMs).forEach(toRead::add);
    List<Segment.Tiles> inner = inner(run, resolutionMs);
    if (!inner.isEmpty()) {
      lookUp(inner);
    }
  }

  /** The block of {@code run}: found, or merged now (its inner block first) and cached. */
  private Ir[] block(List<Segment.Tiles> run, WindowMerger merger, PlanInputs inputs) {
    SealedWindowCache.Key key = key(run);
    Ir[] found = blocks.get(key);
    if (found != null) {
      return found;
    }
    List<Segment.Tiles> inner = inner(run, key.resolutionMs());
    Ir[] innerBlock = inner.isEmpty() ? null : block(inner, merger, inputs);
    Ir[] states = merger.mergeBlock(run, key.resolutionMs(), innerBlock, inputs);
    cache.put(key, states);
    blocks.put(key, states);
    return states;
  }

  /** The run's segments coarser than {@code resolutionMs}: contiguous, as resolutions descend. */
  private static List<Segment.Tiles> inner(List<Segment.Tiles> run, long resolutionMs) {
    return run.stream().filter(tiles -> tiles.resolutionMs() > resolutionMs).toList();
  }

  /** A run's key: the entity and the run's segments. */
  private SealedWindowCache.Key key(List<Segment.Tiles> run) {
    return new SealedWindowCache.Key(entity, run);
  }
}
