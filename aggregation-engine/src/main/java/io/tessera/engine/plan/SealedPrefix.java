package io.tessera.engine.plan;

import io.tessera.engine.tile.Tiling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A window plan split at the seal point: the tile segments whose tiles all end at or before {@code
 * sealedBeforeMs} (a contiguous span right after the old raw edge, which never changes again) and
 * the rest of the plan (the raw edges and the tiles after the span), which is read on every
 * request.
 *
 * <p>Why the sealed part is a prefix: a tile segment is cut at the last boundary of its own
 * resolution before the seal; a cut segment ends after the seal, so every later segment does too.
 *
 * @param range the sealed span {@code [fromMs, toMs)}
 * @param tiles the tile segments covering {@code range}, in time order
 * @param rest the window's other segments; its start and end are the window's, so it still decides
 *     where the window is, but its segments no longer cover {@code range}
 */
public record SealedPrefix(TimeRange range, List<Segment.Tiles> tiles, WindowPlan rest) {
  public SealedPrefix {
    tiles = List.copyOf(tiles);
  }

  /** The sealed prefix of {@code plan}, or empty when no whole tile of it is sealed. */
  public static Optional<SealedPrefix> of(WindowPlan plan, long sealedBeforeMs) {
    if (sealedBeforeMs == StoredTiles.NO_TIME) {
      return Optional.empty();
    }
    List<Segment.Tiles> sealed = new ArrayList<>();
    List<Segment> rest = new ArrayList<>();
    boolean pastSeal = false;
    for (Segment segment : plan.segments()) {
      if (pastSeal) {
        rest.add(segment);
      } else if (segment instanceof Segment.Raw && sealed.isEmpty()) {
        rest.add(segment); // the old edge, before the first tile: always read (cut at t - W)
      } else if (segment instanceof Segment.Tiles tiles) {
        TimeRange range = tiles.range();
        long cutMs = Math.min(range.toMs(), Tiling.floor(sealedBeforeMs, tiles.resolutionMs()));
        if (cutMs > range.fromMs()) {
          sealed.add(new Segment.Tiles(tiles.resolutionMs(), new TimeRange(range.fromMs(), cutMs)));
        }
        if (cutMs < range.toMs()) {
          rest.add(
              new Segment.Tiles(
                  tiles.resolutionMs(),
                  new TimeRange(Math.max(cutMs, range.fromMs()), range.toMs())));
          pastSeal = true;
        }
      } else {
        rest.add(segment);
        pastSeal = true;
      }
    }
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    TimeRange range =
        new TimeRange(sealed.get(0).range().fromMs(), sealed.get(sealed.size() - 1).range().toMs());
    return Optional.of(
        new SealedPrefix(
            range, sealed, new WindowPlan(plan.window(), plan.startMs(), plan.endMs(), rest)));
  }
}
