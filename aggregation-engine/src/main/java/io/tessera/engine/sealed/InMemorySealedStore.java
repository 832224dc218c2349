package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference {@link SealedStore}: everything in memory, one lock per entity (and per manifest
 * series) and one atomic merge per checkpoint, every future already completed. Tests, benchmarks
 * and tools use it; every other store must behave the same ({@code SealedStoreContract}).
 */
public final class InMemorySealedStore implements SealedStore {
  private final Map<EntityRef, EntityData> entities = new ConcurrentHashMap<>();
  private final Map<PartitionKey, PartitionCheckpoint> checkpoints = new ConcurrentHashMap<>();

  private final Map<ManifestKey, NavigableMap<Long, SealedManifest>> manifests =
      new ConcurrentHashMap<>();

  private record PartitionKey(String topic, int partition) {}

  private record ManifestKey(String storageName, String topic, int partition, long resolutionMs) {}

  private static final class EntityData {
    /** Sealed finest rows by tile start. */
    final NavigableMap<Long, SealedMinute> minutes = new TreeMap<>();

    /** Coarser tiles by resolution, then start. */
    final Map<Long, NavigableMap<Long, TileRow>> tiles = new HashMap<>();

    /**
     * The widest finest span written: an event read looks this far before its range for the rows
     * that may hold its first events.
     */
    long widestMinuteMs = 1;
  }

  private EntityData data(EntityRef entity) {
    return entities.computeIfAbsent(entity, key -> new EntityData());
  }

  @Override
  public CompletionStage<Void> writeMinutes(List<SealedMinute> minutes) {
    for (SealedMinute minute : minutes) {
      EntityData data = data(minute.entity());
      TileKey key = minute.tile().key();
      List<Event> canonical = new ArrayList<>(minute.events());
      canonical.sort(EventOrder.CANONICAL);
      synchronized (data) {
        data.minutes.put(
            key.startMs(), new SealedMinute(minute.entity(), minute.tile(), canonical));
        data.widestMinuteMs = Math.max(data.widestMinuteMs, key.resolutionMs());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> writeManifests(List<SealedManifest> written) {
    for (SealedManifest manifest : written) {
      NavigableMap<Long, SealedManifest> byStart =
          manifests.computeIfAbsent(
              new ManifestKey(
                  manifest.storageName(),
                  manifest.topic(),
                  manifest.partition(),
                  manifest.tile().resolutionMs()),
              key -> new TreeMap<>());
      synchronized (byStart) {
        byStart.put(manifest.tile().startMs(), manifest);
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<List<SealedManifest>> readManifests(
      String storageName, String topic, int partition, long resolutionMs, long fromMs, long toMs) {
    NavigableMap<Long, SealedManifest> byStart =
        manifests.get(new ManifestKey(storageName, topic, partition, resolutionMs));
    if (byStart == null || fromMs >= toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
    synchronized (byStart) {
      return CompletableFuture.completedFuture(
          new ArrayList<>(byStart.subMap(fromMs, true, toMs, false).values()));
    }
  }

  @Override
  public CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles) {
    EntityData data = data(entity);
    synchronized (data) {
      for (TileRow tile : tiles) {
        data.tiles
            .computeIfAbsent(tile.key().resolutionMs(), resolution -> new TreeMap<>())
            .put(tile.key().startMs(), tile);
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
    EntityData data = data(entity);
    NavigableMap<Long, TileRow> found = new TreeMap<>();
    synchronized (data) {
      for (SealedMinute minute : data.minutes.subMap(fromMs, true, toMs, false).values()) {
        if (minute.tile().key().resolutionMs() == resolutionMs) {
          found.put(minute.tile().key().startMs(), minute.tile());
        }
      }
      NavigableMap<Long, TileRow> coarse = data.tiles.get(resolutionMs);
      if (coarse != null) {
        found.putAll(coarse.subMap(fromMs, true, toMs, false));
      }
    }
    return CompletableFuture.completedFuture(new ArrayList<>(found.values()));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    List<Event> found = new ArrayList<>();
    if (fromMs < toMs) {
      EntityData data = data(entity);
      synchronized (data) {
        long firstStart = saturatedMinus(fromMs, data.widestMinuteMs - 1);
        for (SealedMinute minute : data.minutes.subMap(firstStart, true, toMs, false).values()) {
          for (Event event : minute.events()) {
            if (event.eventTimeMs() >= fromMs && event.eventTimeMs() < toMs) {
              found.add(event);
            }
          }
        }
      }
    }
    found.sort(EventOrder.CANONICAL);
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public CompletionStage<Void> writeCheckpoint(PartitionCheckpoint checkpoint) {
    checkpoints.merge(
        new PartitionKey(checkpoint.topic(), checkpoint.partition()),
        checkpoint,
        (stored, offered) -> stored.positionOffset() > offered.positionOffset() ? stored : offered);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Optional<PartitionCheckpoint>> readCheckpoint(
      String topic, int partition) {
    return CompletableFuture.completedFuture(
        Optional.ofNullable(checkpoints.get(new PartitionKey(topic, partition))));
  }

  private static long saturatedMinus(long value, long minus) {
    long result = value - minus;
    return result > value ? Long.MIN_VALUE : result;
  }
}
