package io.tessera.aggregation.support;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.partition.KeyPartitions;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.SealedSpanPlanner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a serving follower answers, compared with the brute-force oracle: a {@link FollowerReplica}
 * of the normalized topic (read from its start, so its memory holds what the owner has not marked
 * durable) merged with the owner's sealed store by the follower's own reader, for every feature and
 * window at every query time.
 */
public final class FollowerOracle {
  private FollowerOracle() {}

  /**
   * One line per value that differs from the oracle; empty when all are exact.
   *
   * @param spec the lineage's view (named by its storage name)
   * @param lifetimeFromMs where lifetime windows start (no event is older)
   */
  public static List<String> mismatches(
      String topic,
      int partitions,
      Lineages lineages,
      SealedStore store,
      ViewSpec spec,
      long lifetimeFromMs,
      Collection<EntityRef> entities,
      Collection<NormalizedEvent> accepted,
      List<Long> times) {
    FollowerReplica replica = FollowerReplica.read(topic, partitions, lineages);
    FollowerViewReader reader =
        new FollowerViewReader(
            spec,
            new SealedSpanPlanner(new Tiling(spec.resolutions()), lifetimeFromMs),
            SealedWindowCache.NONE);
    List<String> mismatches = new ArrayList<>();
    for (EntityRef entity : entities) {
      List<Event> events = OracleValues.of(accepted, entity.entityKey());
      // where serving looks: the partition ingest's producer placed the (view, entity) key in
      PartitionState state =
          replica.states.get(KeyPartitions.of(entity.view(), entity.entityKey(), partitions));
      int before = mismatches.size();
      for (long t : times) {
        ViewValues values =
            reader
                .read(store, state, spec.name(), entity.entityKey(), t)
                .toCompletableFuture()
                .join();
        OracleValues.compare(spec, entity.entityKey(), events, t, values, mismatches);
      }
      if (mismatches.size() > before) {
        mismatches.addAll(
            whereEventsWentMissing(replica, store, spec, lifetimeFromMs, entity, events, state));
      }
    }
    return mismatches;
  }

  /**
   * Which side lost what, for a failure message: events the follower never applied (the log or the
   * follower's decisions), and events it applied before its durable seal point that the store's
   * sealed rows do not hold (the owner's rows).
   */
  private static List<String> whereEventsWentMissing(
      FollowerReplica replica,
      SealedStore store,
      ViewSpec spec,
      long lifetimeFromMs,
      EntityRef entity,
      List<Event> expected,
      PartitionState state) {
    List<Event> appliedEvents = replica.appliedByEntity.getOrDefault(entity, List.of());
    Set<String> applied = new TreeSet<>();
    appliedEvents.forEach(event -> applied.add(event.eventId()));
    Set<String> notApplied = new TreeSet<>();
    for (Event event : expected) {
      if (!applied.contains(event.eventId())) {
        notApplied.add(event.eventId() + "@" + event.eventTimeMs());
      }
    }
    long durableMs = state.durable(spec.name()).sealedBeforeMs();
    Set<String> stored = new TreeSet<>();
    for (Event event :
        store
            .readEvents(new EntityRef(spec.name(), entity.entityKey()), lifetimeFromMs, durableMs)
            .toCompletableFuture()
            .join()) {
      stored.add(event.eventId());
    }
    Set<String> notStored = new TreeSet<>();
    for (Event event : appliedEvents) {
      if (event.eventTimeMs() < durableMs && !stored.contains(event.eventId())) {
        notStored.add(event.eventId() + "@" + event.eventTimeMs());
      }
    }
    return List.of(
        "%s: not applied by the follower %s; applied before the durable seal point %d but not in the store %s; follower markers %s"
            .formatted(
                entity.entityKey(), notApplied, durableMs, notStored, replica.markersByPartition));
  }
}
