package io.tessera.harness.pipeline;

/**
 * The aggregation-service's property names this harness sets, in one place: they follow the
 * service's {@code @ConfigurationProperties}.
 */
final class AggregationProperties {
  static final String NORMALIZED_TOPIC = "tessera.aggregation.normalized-topic";
  static final String DEAD_LETTER_TOPIC = "tessera.aggregation.dead-letter-topic";
  static final String GROUP_ID = "tessera.aggregation.consumer-group";
  static final String TABLE_PREFIX = "tessera.aggregation.table-prefix";
  static final String BACKFILL_REQUESTS_TOPIC = "tessera.aggregation.backfill.requests-topic";
  static final String BACKFILL_STATUS_TOPIC = "tessera.aggregation.backfill.status-topic";
  static final String BACKFILL_REPORTS_TOPIC = "tessera.aggregation.backfill.reports-topic";
  static final String BATCH_DIRECTORIES = "tessera.batch.allowed-directories";
  static final String BACKFILL_WRITE_MODE = "tessera.aggregation.backfill.write-mode";
  static final String BACKFILL_JMX_PORT = "tessera.aggregation.backfill.bulk.jmx-port";

  private AggregationProperties() {}
}
