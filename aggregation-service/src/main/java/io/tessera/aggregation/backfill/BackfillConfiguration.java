package io.tessera.aggregation.backfill;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.aggregation.AggregationProperties;
import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.backfill.LineageBackfill;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.registryclient.BackfillStatusFollower;
import io.tessera.service.loop.ConsumerLoopHealth;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.streamcore.partition.RecordLimits;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the backfill worker: its topics (created if absent, so the service works whichever service
 * starts first), the batch-source access of this host, the status producer, the meters and the
 * {@link BackfillWorker} started by the {@link BackfillRunner}. Backfills write into the owner's
 * tile store ({@link BackfillStores}: through CQL, or by SSTable import) and dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BackfillProperties.class, BatchAccessProperties.class})
class BackfillConfiguration {

  /** How long shutdown waits for released backfills to reach a check (a unit finishes first). */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /** Four partitions: commands are keyed by view, so up to four instances share the views. */
  @Bean
  NewTopic backfillRequestsTopic(BackfillProperties properties) {
    return new NewTopic(properties.requestsTopic(), 4, (short) -1);
  }

  /** One partition, compacted: the newest status of every backfill, read whole by its readers. */
  @Bean
  NewTopic backfillStatusTopic(BackfillProperties properties) {
    return new NewTopic(properties.statusTopic(), 1, (short) -1)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /** One partition, compacted: the newest report of every scan, read whole by every worker. */
  @Bean
  NewTopic backfillReportsTopic(BackfillProperties properties) {
    return new NewTopic(properties.reportsTopic(), 1, (short) -1)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  @Bean(destroyMethod = "close")
  ScanReports backfillScanReports(
      KafkaProperties kafka, BackfillProperties properties, EndedBackfills ended)
      throws InterruptedException {
    return new ScanReports(
            kafka.buildProducerProperties(),
            kafka.buildConsumerProperties(),
            properties.reportsTopic(),
            ended)
        .startCaughtUp(Duration.ofSeconds(30));
  }

  @Bean(destroyMethod = "close")
  StatusPublisher backfillStatusPublisher(KafkaProperties kafka, BackfillProperties properties) {
    return new StatusPublisher(kafka.buildProducerProperties(), properties.statusTopic());
  }

  /**
   * The ids of backfills that ended anywhere (a final status on the topic): a start that a new
   * group, or a long-lost partition, delivers again is not run again.
   */
  @Bean(destroyMethod = "close")
  BackfillStatusFollower backfillStatusFollower(
      KafkaProperties kafka,
      BackfillProperties properties,
      EndedBackfills ended,
      ScanReports backfillScanReports)
      throws InterruptedException {
    // Starts decided before the ended ones are known would run some again.
    return BackfillStatusFollower.startCaughtUp(
        kafka.buildConsumerProperties(),
        properties.statusTopic(),
        status -> {
          ended.record(status);
          if (status.state().isFinal()) {
            backfillScanReports.ended(status.id());
          }
        },
        Duration.ofSeconds(60));
  }

  @Bean
  EndedBackfills endedBackfills() {
    return new EndedBackfills();
  }

  /** The {@code backfillLoop} health check: DOWN when the worker's consumer thread died. */
  @Bean
  ConsumerLoopHealth backfillLoop() {
    return new ConsumerLoopHealth();
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService backfillTicks() {
    return Executors.newSingleThreadScheduledExecutor(daemons("backfill-status"));
  }

  @Bean
  BackfillRunner backfillRunner(
      ConsumerLoopHealth backfillLoop,
      KafkaProperties kafka,
      KafkaAdmin admin,
      AggregationProperties aggregation,
      BackfillProperties properties,
      BatchAccessProperties batch,
      CassandraSealedStore store,
      CqlSession session,
      SealedSchema schema,
      ViewCatalog views,
      StatusPublisher backfillStatusPublisher,
      ScanReports backfillScanReports,
      DeadLetterPublisher deadLetters,
      MeterRegistry meters,
      ScheduledExecutorService backfillTicks,
      EndedBackfills ended,
      BackfillStatusFollower backfillStatusFollower) {
    String normalizedTopic = aggregation.normalizedTopic();
    BackfillContext context =
        new BackfillContext(
            views,
            views.lineages(),
            BackfillStores.choose(
                properties, store, session.getKeyspace().orElseThrow().asInternal(), schema, views),
            batch.toAccess(),
            new RecordLimits(aggregation.maxEventBytes(), aggregation.maxEntityKeyBytes()),
            normalizedTopic,
            () -> partitionsOf(admin, normalizedTopic),
            new LineageBackfill.Settings(
                properties.effectiveSpillDirectory(),
                properties.effectiveParallelism(),
                OpenStateBudget.of(
                    properties.effectiveMemoryMaxBytes(),
                    properties.effectiveSpillDirectory().resolve("open"))),
            backfillStatusPublisher,
            new TaskPublisher(
                kafka.buildProducerProperties(),
                properties.requestsTopic(),
                () -> partitionsOf(admin, properties.requestsTopic())),
            backfillScanReports,
            deadLetters,
            new BackfillMetrics(meters),
            properties,
            backfillTicks,
            aggregation.ownerId().isEmpty()
                ? "backfill-" + UUID.randomUUID()
                : aggregation.ownerId(),
            InstantSource.system());
    // coordinators mostly wait for their scans: one thread each
    ExecutorService runners = Executors.newCachedThreadPool(daemons("backfill-run"));
    ExecutorService scanRunners =
        Executors.newFixedThreadPool(properties.concurrency(), daemons("backfill-scan"));
    BackfillWorker worker =
        new BackfillWorker(
            kafka.buildConsumerProperties(),
            properties.requestsTopic(),
            properties.consumerGroup(),
            context,
            ended,
            runners,
            scanRunners,
            properties.concurrency(),
            STOP_WAIT);
    return new BackfillRunner(worker, backfillLoop, STOP_WAIT.plusSeconds(15));
  }

  private static int partitionsOf(KafkaAdmin admin, String topic) {
    return admin.describeTopics(topic).get(topic).partitions().size();
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
