package io.tessera.streamcore.partition;

import io.tessera.engine.open.OpenState;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.ViewProgress;
import io.tessera.registryclient.TileLineage;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.lineage.Lineages;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a replica taken over at a checkpoint knows of its partition before any record arrives: each
 * lineage's progress there, and so what the store holds of the lineages no record has reached
 * since. A partition read from its start has the empty one. Immutable.
 */
final class RestoredCheckpoint {
  private final List<ViewProgress> views;
  private final long positionOffset;
  private final Lineages lineages;

  private RestoredCheckpoint(List<ViewProgress> views, long positionOffset, Lineages lineages) {
    this.views = views;
    this.positionOffset = positionOffset;
    this.lineages = lineages;
  }

  /** The knowledge of {@code checkpoint}, or none when it is null (a partition read from 0). */
  static RestoredCheckpoint of(PartitionCheckpoint checkpoint, Lineages lineages) {
    return checkpoint == null
        ? new RestoredCheckpoint(List.of(), 0, lineages)
        : new RestoredCheckpoint(checkpoint.views(), checkpoint.positionOffset(), lineages);
  }

  /** Records before this offset were applied or reported by the replica that checkpointed. */
  long positionOffset() {
    return positionOffset;
  }

  /** Every view version's progress the checkpoint holds. */
  List<ViewProgress> views() {
    return views;
  }

  /** The checkpointed progress of the lineage: the furthest of its versions', or null. */
  ViewProgress progress(String storageName) {
    ViewProgress found = null;
    for (ViewProgress progress : views) {
      boolean same =
          lineages
              .of(progress.view(), progress.version())
              .map(l -> l.storageName().equals(storageName))
              .orElse(false);
      if (same && (found == null || progress.sealedBeforeMs() > found.sealedBeforeMs())) {
        found = progress;
      }
    }
    return found;
  }

  /**
   * What the store holds of a lineage no record has reached since the replica started: what the
   * checkpoint says (a replica restored where nothing of the lineage is left to replay still reads
   * its sealed rows), else the history its backfill writes before its stream's start (a partition
   * the lineage's stream has not reached yet still serves that history).
   */
  DurableProgress durable(String storageName) {
    ViewProgress found = progress(storageName);
    if (found != null) {
      return new DurableProgress(found.sealedBeforeMs(), found.builtThroughMsByResolution());
    }
    Optional<Lineage> lineage =
        lineages
            .of(TileLineage.viewOf(storageName), TileLineage.startVersionOf(storageName))
            .filter(l -> l.storageName().equals(storageName));
    if (lineage.isEmpty() || lineage.get().streamFromMs() == OpenState.NO_TIME) {
      return new DurableProgress(OpenState.NO_TIME, Map.of());
    }
    long streamFromMs = lineage.get().streamFromMs();
    return new DurableProgress(
        streamFromMs, OpenState.builtThroughAt(lineage.get().aggregator(), streamFromMs));
  }

  /**
   * The progress a new checkpoint carries over for the lineages not in {@code seen} (none of their
   * records was applied since the restore), one per lineage.
   */
  Collection<ViewProgress> carriedOver(Set<String> seen) {
    Map<String, ViewProgress> carried = new TreeMap<>();
    for (ViewProgress progress : views) {
      lineages
          .of(progress.view(), progress.version())
          .filter(l -> !seen.contains(l.storageName()))
          .ifPresent(l -> carried.putIfAbsent(l.storageName(), progress));
    }
    return carried.values();
  }
}
