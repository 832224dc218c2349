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
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.SealedSpanPlanner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
      Integer partition = replica.partitionOfEntity.get(entity.entityKey());
      if (partition == null) {
        if (!events.isEmpty()) {
          mismatches.add(entity.entityKey() + ": no event of it was applied");
        }
        continue;
      }
      PartitionState state = replica.states.get(partition);
      for (long t : times) {
        ViewValues values =
            reader
                .read(store, state, spec.name(), entity.entityKey(), t)
                .toCompletableFuture()
                .join();
        OracleValues.compare(spec, entity.entityKey(), events, t, values, mismatches);
      }
    }
    return mismatches;
  }
}
