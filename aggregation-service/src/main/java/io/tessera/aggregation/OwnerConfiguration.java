package io.tessera.aggregation;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.owner.MarkerPublisher;
import io.tessera.aggregation.owner.OwnerContext;
import io.tessera.aggregation.owner.OwnerLoop;
import io.tessera.aggregation.owner.OwnerSettings;
import io.tessera.aggregation.owner.SealWriter;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.service.cassandra.CassandraStartup;
import io.tessera.service.loop.ConsumerLoopHealth;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.streamcore.partition.RecordLimits;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the owner: the sealed tables (created at start-up), the {@link CassandraSealedStore}
 * (finest resolution and retention from the registry), the registry's lineages, the marker producer
 * and the {@link OwnerLoop}, started by the {@link AggregationRunner}.
 */
@Configuration(proxyBeanMethods = false)
class OwnerConfiguration {

  /** Created before anything reads or writes them, waiting for a Cassandra still starting. */
  @Bean
  SealedSchema sealedSchema(
      CqlSession session, AggregationProperties properties, CassandraStartup startup) {
    SealedSchema schema = new SealedSchema(properties.tablePrefix());
    startup.run(
        "create the sealed store's tables", () -> schema.create(session, startup.ddlTimeout()));
    return schema;
  }

  @Bean
  CassandraSealedStore sealedStore(
      CqlSession session, SealedSchema schema, ViewCatalog views, CassandraStartup startup) {
    return startup.await(
        "prepare the sealed store's statements",
        () -> new CassandraSealedStore(session, schema, views::finestMs, views));
  }

  @Bean(destroyMethod = "close")
  MarkerPublisher markerPublisher(KafkaProperties kafka, AggregationProperties properties) {
    return new MarkerPublisher(kafka.buildProducerProperties(), properties.normalizedTopic());
  }

  /** Where write jobs start (CPU of roll-ups), off the driver's and producer's I/O threads. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService ownerJobs() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "aggregation-owner-jobs");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  AggregationRunner ownerRunner(
      ConsumerLoopHealth consumerLoop,
      KafkaProperties kafka,
      AggregationProperties properties,
      CassandraSealedStore store,
      ViewCatalog views,
      MarkerPublisher markers,
      DeadLetterPublisher deadLetters,
      AggregationMetrics metrics,
      ExecutorService ownerJobs) {
    String ownerId =
        properties.ownerId().isEmpty() ? "aggregation-" + UUID.randomUUID() : properties.ownerId();
    OwnerSettings settings =
        new OwnerSettings(
            new RecordLimits(properties.maxEventBytes(), properties.maxEntityKeyBytes()),
            properties.watermarkPublisherExpiry().toMillis(),
            properties.maxPollRecords(),
            properties.retryBackoff(),
            properties.unknownViewWait(),
            properties.checkpointInterval(),
            properties.maxJobsInFlight(),
            properties.drainWait());
    OwnerContext context =
        new OwnerContext(
            store,
            new SealWriter(store, markers, properties.normalizedTopic(), ownerId),
            views.lineages(),
            deadLetters,
            metrics,
            settings,
            InstantSource.system(),
            ownerJobs,
            OpenStateBudget.configured(
                properties.openStateMaxBytes(), properties.spillDirectory()));
    OwnerLoop loop =
        new OwnerLoop(
            kafka.buildConsumerProperties(),
            properties.normalizedTopic(),
            properties.consumerGroup(),
            context);
    metrics.openStateGauges(context.budget());
    return new AggregationRunner(loop, loop::stop, views, properties.registryWait(), consumerLoop);
  }
}
