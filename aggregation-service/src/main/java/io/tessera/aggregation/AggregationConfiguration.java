package io.tessera.aggregation;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.aggregation.compact.CompactionRunner;
import io.tessera.aggregation.consume.AggregationLoop;
import io.tessera.aggregation.consume.BatchAppender;
import io.tessera.aggregation.consume.DeadLetterPublisher;
import io.tessera.aggregation.consume.EntityStates;
import io.tessera.aggregation.consume.WatermarkClock;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.service.cassandra.CassandraStartup;
import io.tessera.service.loop.ConsumerLoopHealth;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.CompactionSchedule;
import io.tessera.storage.StorageSchema;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the aggregation pipeline: the shared beans (registry, dead letters, metrics, health) and,
 * with {@code tessera.aggregation.core=v1} (kept until it is retired), version 1: the storage
 * tables (created at start-up), the appender, the compaction runner and the consumer loop. Version
 * 2, the default, is wired by {@link OwnerConfiguration}. The classes are plain Java.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregationProperties.class)
class AggregationConfiguration {
  /**
   * Selects the streaming core: {@code v2} (default; {@link OwnerConfiguration}) or {@code v1}
   * (these beans).
   */
  static final String CORE = "tessera.aggregation.core";

  @Bean
  NewTopic deadLetterTopic(AggregationProperties properties) {
    return new NewTopic(properties.deadLetterTopic(), 4, (short) -1);
  }

  /** Created before anything reads or writes them, waiting for a Cassandra still starting. */
  @ConditionalOnProperty(name = CORE, havingValue = "v1")
  @Bean
  StorageSchema storageSchema(
      CqlSession session, AggregationProperties properties, CassandraStartup startup) {
    StorageSchema schema = new StorageSchema(properties.tablePrefix());
    startup.run(
        "create the tile store's tables", () -> schema.create(session, startup.ddlTimeout()));
    return schema;
  }

  @Bean(destroyMethod = "close")
  ViewCatalog viewCatalog(
      KafkaProperties kafka, @Value("${tessera.registry.topic:feature-definitions}") String topic) {
    return new ViewCatalog(kafka.buildConsumerProperties(), topic).start();
  }

  @ConditionalOnProperty(name = CORE, havingValue = "v1")
  @Bean
  CassandraTileStore tileStore(
      CqlSession session, StorageSchema schema, ViewCatalog views, CassandraStartup startup) {
    return startup.await(
        "prepare the tile store's statements",
        () -> new CassandraTileStore(session, schema, views));
  }

  @Bean
  AggregationMetrics aggregationMetrics(MeterRegistry registry) {
    return new AggregationMetrics(registry);
  }

  @Bean(destroyMethod = "close")
  DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, AggregationProperties properties) {
    return new DeadLetterPublisher(kafka.buildProducerProperties(), properties.deadLetterTopic());
  }

  @ConditionalOnProperty(name = CORE, havingValue = "v1")
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService compactionPool(AggregationProperties properties) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        properties.compactionThreads(),
        task -> {
          Thread thread = new Thread(task, "aggregation-compaction-" + count.getAndIncrement());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The {@code consumerLoop} health check: DOWN when the loop thread died. */
  @Bean
  ConsumerLoopHealth consumerLoop() {
    return new ConsumerLoopHealth();
  }

  @ConditionalOnProperty(name = CORE, havingValue = "v1")
  @Bean
  AggregationRunner aggregationRunner(
      ConsumerLoopHealth consumerLoop,
      KafkaProperties kafka,
      AggregationProperties properties,
      CqlSession session,
      StorageSchema schema,
      CassandraTileStore store,
      ViewCatalog views,
      DeadLetterPublisher deadLetters,
      AggregationMetrics metrics,
      ExecutorService compactionPool,
      CassandraStartup startup) {
    InstantSource clock = InstantSource.system();
    CompactionSchedule schedule =
        startup.await(
            "prepare the compaction schedule's statements",
            () -> new CompactionSchedule(session, schema));
    EntityStates states =
        new EntityStates(
            store, views, schedule, properties.normalizedTopic(), properties.dedupHorizon(), clock);
    metrics.stateGauges(states::countedPending, states::countedEntities);
    WatermarkClock watermarks =
        new WatermarkClock(properties.watermarkPublisherExpiry().toMillis());
    CompactionRunner compaction =
        new CompactionRunner(
            store,
            views,
            deadLetters,
            metrics,
            compactionPool,
            properties.idleStepInterval(),
            properties.dedupHorizon(),
            watermarks,
            properties.maxStepsInFlight());
    BatchAppender appender =
        new BatchAppender(
            store,
            views,
            states,
            compaction,
            deadLetters,
            metrics,
            clock,
            new BatchAppender.Limits(
                properties.unknownViewWait(),
                properties.maxEntityKeyBytes(),
                properties.maxEventBytes()));
    AggregationLoop loop =
        new AggregationLoop(
            kafka.buildConsumerProperties(),
            properties.normalizedTopic(),
            properties.consumerGroup(),
            properties.maxPollRecords(),
            appender,
            states,
            watermarks,
            compaction,
            metrics,
            properties.compactionInterval(),
            properties.retryBackoff(),
            clock);
    return new AggregationRunner(loop, loop::stop, views, properties.registryWait(), consumerLoop);
  }
}
