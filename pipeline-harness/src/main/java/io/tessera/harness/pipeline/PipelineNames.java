package io.tessera.harness.pipeline;

import io.tessera.testsupport.UniqueNames;

/**
 * Everything one pipeline run names for itself: the definitions, normalized and dead-letter topics,
 * and the aggregation consumer group (so its committed offsets are this run's alone).
 *
 * @param registryTopic the compacted definitions topic the registry publishes to
 * @param normalizedTopic what ingest writes and aggregation consumes
 * @param deadLetterTopic where ingest and aggregation put what they cannot use
 * @param aggregationGroup the aggregation-service's consumer group on {@code normalizedTopic}
 * @param registryTablePrefix the registry's Cassandra tables, per run
 * @param storageTablePrefix the prefix of aggregation's and serving's storage tables; empty: the
 *     keyspace's shared tables (what the tests use: every run isolates itself by view names)
 * @param backfillRequestsTopic where the registry asks for backfills and the workers take them
 * @param backfillStatusTopic where the workers say how backfills stand (serving and ingest read it)
 * @param backfillReportsTopic where the workers' scans of a backfill's tasks report
 */
public record PipelineNames(
    String registryTopic,
    String normalizedTopic,
    String deadLetterTopic,
    String aggregationGroup,
    String registryTablePrefix,
    String storageTablePrefix,
    String backfillRequestsTopic,
    String backfillStatusTopic,
    String backfillReportsTopic) {

  public static PipelineNames unique() {
    return new PipelineNames(
        UniqueNames.of("e2e_defs"),
        UniqueNames.of("e2e_normalized"),
        UniqueNames.of("e2e_dead"),
        UniqueNames.of("e2e_aggregation"),
        UniqueNames.of("e2e") + "_",
        "",
        UniqueNames.of("e2e_backfill_requests"),
        UniqueNames.of("e2e_backfill_status"),
        UniqueNames.of("e2e_backfill_reports"));
  }

  /**
   * The same names with storage tables of the run's own, which the run can drop afterwards: a
   * benchmark writes millions of rows that nobody reads again.
   */
  public PipelineNames withOwnStorageTables() {
    return new PipelineNames(
        registryTopic,
        normalizedTopic,
        deadLetterTopic,
        aggregationGroup,
        registryTablePrefix,
        UniqueNames.of("bench") + "_",
        backfillRequestsTopic,
        backfillStatusTopic,
        backfillReportsTopic);
  }
}
