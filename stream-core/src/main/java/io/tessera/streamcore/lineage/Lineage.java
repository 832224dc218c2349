package io.tessera.streamcore.lineage;

import io.tessera.engine.view.ViewAggregator;
import java.util.Objects;

/**
 * A tile lineage: the versions of a view that share a tile layout, stored under one name. Its
 * settings are its newest version's.
 *
 * @param storageName the name its rows are stored under ({@code TileLineage} in registry-client)
 * @param view the view's name
 * @param newestVersion the lineage's newest registered version
 * @param aggregator the lineage's features and tiling; its view name is {@code storageName}
 * @param latenessMs the allowed lateness of the newest version
 */
public record Lineage(
    String storageName,
    String view,
    int newestVersion,
    ViewAggregator aggregator,
    long latenessMs) {
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
