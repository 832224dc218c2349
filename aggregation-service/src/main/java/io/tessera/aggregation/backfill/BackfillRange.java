package io.tessera.aggregation.backfill;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.tile.Tiling;
import io.tessera.records.backfill.BackfillCommand;
import java.util.Optional;

/**
 * The time a backfill writes, {@code [fromMs, toMs)}, in whole tiles of the lineage's coarsest
 * resolution (a coarse tile across either end would roll up only part of its children).
 *
 * @param fromMs the first tile's start, or {@link Long#MIN_VALUE}: all of the source's history
 * @param toMs the end, at most the lineage's hand-over to the stream
 */
public record BackfillRange(long fromMs, long toMs) {

  public BackfillRange {
    if (fromMs >= toMs) {
      throw new IllegalArgumentException("an empty backfill range [" + fromMs + ", " + toMs + ")");
    }
  }

  /**
   * The range a start asks for, as the lineage allows it. The end is the requested end rounded up
   * to a coarsest tile (the whole tile is history all the same), never past the hand-over: from
   * there the stream writes. The start is the requested start rounded down, or else where the
   * view's retention starts: its longest window before the hand-over, or all of history if it has a
   * lifetime window (lifetime values need every event).
   *
   * @param version the version backfilled (its windows)
   * @param handOverMs where the lineage's stream starts ({@link Long#MIN_VALUE}: it has no batch
   *     history)
   * @param coarsestMs the lineage's coarsest tile resolution
   * @return empty when there is nothing to write: no batch history, or the range ends before it
   *     starts
   */
  public static Optional<BackfillRange> of(
      BackfillCommand.Start start, FeatureView version, long handOverMs, long coarsestMs) {
    if (handOverMs == Long.MIN_VALUE) {
      return Optional.empty();
    }
    long toMs =
        start.toMs() == null
            ? handOverMs
            : Math.min(handOverMs, Tiling.ceil(Math.min(start.toMs(), handOverMs), coarsestMs));
    long fromMs;
    if (start.fromMs() != null) {
      fromMs =
          everything(start.fromMs(), coarsestMs)
              ? Long.MIN_VALUE
              : Tiling.floor(start.fromMs(), coarsestMs);
    } else if (hasLifetimeWindow(version)) {
      fromMs = Long.MIN_VALUE;
    } else {
      fromMs =
          Tiling.floor(
              handOverMs - FeatureView.longestFixedWindowMs(version.features()), coarsestMs);
    }
    return fromMs < toMs ? Optional.of(new BackfillRange(fromMs, toMs)) : Optional.empty();
  }

  /** A start so early that its tile's start is not a {@code long}: all of history. */
  private static boolean everything(long fromMs, long coarsestMs) {
    return fromMs < Long.MIN_VALUE + coarsestMs;
  }

  private static boolean hasLifetimeWindow(FeatureView version) {
    return version.features().stream()
        .flatMap(feature -> feature.windows().stream())
        .anyMatch(window -> window.isLifetime());
  }
}
