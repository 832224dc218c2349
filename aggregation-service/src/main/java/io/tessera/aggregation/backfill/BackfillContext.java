package io.tessera.aggregation.backfill;

import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.backfill.LineageBackfill;
import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.partition.RecordLimits;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;

/**
 * What every backfill of an instance shares.
 *
 * @param views the registry's views (the version a start names)
 * @param lineages their tile lineages (storage name, tiling, hand-over time)
 * @param store the service's tile store, the one the owner writes
 * @param access what batch sources may be read on this host
 * @param limits the entity-key limit rows must meet, as the owner's records do
 * @param normalizedTopic the topic whose partitions the written manifests name
 * @param normalizedPartitions how many it has: an entity's rows go with its key's partition
 * @param writer spill directory, parallelism and memory of the units
 * @param statuses where statuses go
 * @param tasks where a start's tasks go, to every worker of the group
 * @param reports the scans' reports, sent and followed
 * @param deadLetters where refused rows go
 * @param metrics the worker's meters
 * @param properties intervals, dead-letter cap, registry wait
 * @param ticks the thread that publishes running backfills' statuses and log lines
 * @param workerId this instance, as statuses name it
 */
record BackfillContext(
    ViewCatalog views,
    Lineages lineages,
    SealedStore store,
    BatchSourceAccess access,
    RecordLimits limits,
    String normalizedTopic,
    IntSupplier normalizedPartitions,
    LineageBackfill.Settings writer,
    StatusPublisher statuses,
    TaskPublisher tasks,
    ScanReports reports,
    DeadLetterPublisher deadLetters,
    BackfillMetrics metrics,
    BackfillProperties properties,
    ScheduledExecutorService ticks,
    String workerId,
    InstantSource clock) {}
