package io.tessera.engine.open;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Closes coarse tiles of one view lineage on one partition from the store alone, the one place the
 * owner rolls up: for a {@link CoarseClose} it reads the manifests of the tile's children (the
 * sealed finest tiles' when the children are finest, else the closed tiles' one level finer), rolls
 * up every entity they name from its stored children ({@link Rollup}), writes those tiles, and then
 * the closed tile's own manifest, which the close one level coarser reads in turn.
 *
 * <p>Nothing comes from memory, so a closer created after a takeover writes the same rows as the
 * one that sealed the children; and the rows are a pure function of stored, immutable rows, so a
 * close run twice (a replay, a zombie) writes the same bytes. The manifest is written after the
 * tiles it names: a reader that finds a manifest finds its tiles.
 */
public final class CoarseCloser {
  /**
   * Entities rolled up at once: each costs a read and a write in flight, and an hour's close on a
   * busy partition names thousands of entities; a few dozen keep a store's queues short while
   * hiding its latency.
   */
  static final int ENTITIES_IN_FLIGHT = 32;

  private final String storageName;
  private final String topic;
  private final int partition;
  private final SealedStore store;
  private final Rollup rollup;

  /**
   * @param aggregator the lineage's view; its name is the storage name rows are written under
   * @param topic the normalized topic the manifests were written for
   * @param partition the normalized partition the manifests were written for
   * @param store where the children and manifests are read and the closed tiles written
   */
  public CoarseCloser(ViewAggregator aggregator, String topic, int partition, SealedStore store) {
    this.storageName = aggregator.view().name();
    this.topic = topic;
    this.partition = partition;
    this.store = store;
    this.rollup = new Rollup(aggregator);
  }

  /**
   * Closes {@code closes} one after the other, in list order (a {@link SealResult}'s order: finer
   * first, so a day reads the manifests its hours wrote). Call it once the result's minutes and
   * manifests are durable; completes when every tile and manifest is.
   *
   * @return the tiles written, in close order, each close's by entity key
   */
  public CompletionStage<List<RolledUp>> close(List<CoarseClose> closes) {
    CompletionStage<List<RolledUp>> chain = CompletableFuture.completedFuture(new ArrayList<>());
    for (CoarseClose close : closes) {
      chain =
          chain.thenCompose(
              written ->
                  close(close)
                      .thenApply(
                          rows -> {
                            written.addAll(rows);
                            return written;
                          }));
    }
    return chain.thenApply(List::copyOf);
  }

  /** Closes one coarse tile; see {@link #close(List)}. */
  public CompletionStage<List<RolledUp>> close(CoarseClose close) {
    TileKey key = close.key();
    long childResolutionMs = rollup.childResolutionMs(key.resolutionMs());
    return store
        .readManifests(storageName, topic, partition, childResolutionMs, key.startMs(), key.endMs())
        .thenCompose(
            manifests -> rollUpInGroups(key, childResolutionMs, new ArrayList<>(union(manifests))))
        .thenCompose(rows -> writeManifest(key, rows).thenApply(done -> rows));
  }

  private CompletionStage<List<RolledUp>> rollUpInGroups(
      TileKey key, long childResolutionMs, List<String> entityKeys) {
    CompletionStage<List<RolledUp>> chain = CompletableFuture.completedFuture(new ArrayList<>());
    for (int from = 0; from < entityKeys.size(); from += ENTITIES_IN_FLIGHT) {
      List<String> group =
          entityKeys.subList(from, Math.min(entityKeys.size(), from + ENTITIES_IN_FLIGHT));
      chain = chain.thenCompose(written -> rollUpGroup(key, childResolutionMs, group, written));
    }
    return chain;
  }

  private CompletionStage<List<RolledUp>> rollUpGroup(
      TileKey key, long childResolutionMs, List<String> group, List<RolledUp> written) {
    List<CompletableFuture<Optional<RolledUp>>> rollUps = new ArrayList<>();
    for (String entityKey : group) {
      rollUps.add(rollUpOne(key, childResolutionMs, entityKey).toCompletableFuture());
    }
    return CompletableFuture.allOf(rollUps.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              rollUps.forEach(rollUp -> rollUp.join().ifPresent(written::add));
              return written;
            });
  }

  private CompletionStage<Optional<RolledUp>> rollUpOne(
      TileKey key, long childResolutionMs, String entityKey) {
    EntityRef entity = new EntityRef(storageName, entityKey);
    return store
        .readTiles(entity, childResolutionMs, key.startMs(), key.endMs())
        .thenCompose(
            children -> {
              // no children: a manifest outlived them (retention), nothing to write
              Optional<RolledUp> rolled =
                  rollup.rollUp(key, children).map(tile -> new RolledUp(entity, tile));
              if (rolled.isEmpty()) {
                return CompletableFuture.completedFuture(rolled);
              }
              return store
                  .writeTiles(entity, List.of(rolled.get().tile()))
                  .thenApply(done -> rolled);
            });
  }

  private CompletionStage<Void> writeManifest(TileKey key, List<RolledUp> rows) {
    if (rows.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<String> entityKeys = rows.stream().map(row -> row.entity().entityKey()).toList();
    return store.writeManifests(
        List.of(new SealedManifest(storageName, topic, partition, key, entityKeys)));
  }

  private static SortedSet<String> union(List<SealedManifest> manifests) {
    SortedSet<String> entityKeys = new TreeSet<>();
    manifests.forEach(manifest -> entityKeys.addAll(manifest.entityKeys()));
    return entityKeys;
  }
}
