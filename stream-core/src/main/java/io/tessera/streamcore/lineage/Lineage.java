package io.tessera.streamcore.lineage;

import io.tessera.engine.view.ViewAggregator;
import java.util.Objects;

/**
 * A tile lineage as one of its versions sees it: the versions of a view that share a tile layout,
 * stored under one name, with the features and tiling of its newest version (the same in every
 * version of a lineage) and the allowed lateness of the version asked for. Lateness is taken per
 * version, never "the newest known", because a version's definition never changes while what a
 * replica knows as newest depends on when it asked: watermark records carry their version, so every
 * replica seals at the same record.
 *
 * @param storageName the name its rows are stored under ({@code TileLineage} in registry-client)
 * @param view the view's name
 * @param newestVersion the lineage's newest registered version
 * @param aggregator the lineage's features and tiling; its view name is {@code storageName}
 * @param latenessMs the allowed lateness of the version asked for
 * @param streamFromMs where the stream's part of the lineage's history starts, on a boundary of its
 *     coarsest tiles: before it the history is a backfill's, from the view's batch source. {@code
 *     Long.MIN_VALUE} for a lineage without one, whose whole history is the stream's. Fixed when
 *     the lineage starts, so every replica and every replay cuts at the same time.
 */
public record Lineage(
    String storageName,
    String view,
    int newestVersion,
    ViewAggregator aggregator,
    long latenessMs,
    long streamFromMs) {

  /** A lineage whose whole history is the stream's. */
  public Lineage(
      String storageName,
      String view,
      int newestVersion,
      ViewAggregator aggregator,
      long latenessMs) {
    this(storageName, view, newestVersion, aggregator, latenessMs, Long.MIN_VALUE);
  }

  public Lineage {
    Objects.requireNonNull(storageName, "storageName");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(aggregator, "aggregator");
    if (!aggregator.view().name().equals(storageName)) {
      throw new IllegalArgumentException(
          "the aggregator's view is " + aggregator.view().name() + ", not " + storageName);
    }
  }
}
