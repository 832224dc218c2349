package io.tessera.aggregation.owner;

import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.streamcore.lineage.Lineages;
import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * What every owned partition shares: the one store port, the seal writer, the registry's lineages,
 * dead letters, metrics, settings, the clock (only for waits and dead-letter times, never for what
 * is sealed), the executor write jobs start on (not the driver's or producer's I/O threads) and the
 * memory budget all owned partitions' open state shares.
 */
public record OwnerContext(
    SealedStore store,
    SealWriter writer,
    Lineages lineages,
    DeadLetterPublisher deadLetters,
    AggregationMetrics metrics,
    OwnerSettings settings,
    InstantSource clock,
    Executor jobs,
    OpenStateBudget budget) {}
