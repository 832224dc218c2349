package io.tessera.ingest;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.ingest.deadletter.DeadLetterReplay;
import io.tessera.ingest.kafka.KafkaSourceFactory;
import io.tessera.ingest.kinesis.KinesisSourceFactory;
import io.tessera.ingest.normalize.Normalizer;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.pipeline.RecordPublisher;
import io.tessera.ingest.push.PushService;
import io.tessera.ingest.views.SourceConsumerFactory;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.ingest.views.ViewRegistry;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the ingest pipeline: the shared producer and normalizer, the registry, the source factories
 * and the supervisor that runs one consumer per live view. The classes themselves are plain Java,
 * so tests can build them without Spring.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  NewTopic normalizedTopic(IngestProperties properties) {
    return new NewTopic(properties.normalizedTopic(), properties.topicPartitions(), (short) -1);
  }

  @Bean
  NewTopic deadLetterTopic(IngestProperties properties) {
    return new NewTopic(properties.deadLetterTopic(), properties.topicPartitions(), (short) -1);
  }

  @Bean(destroyMethod = "close")
  RecordPublisher recordPublisher(KafkaProperties kafka) {
    return new RecordPublisher(kafka.buildProducerProperties());
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  Normalizer normalizer(IngestProperties properties) {
    return new Normalizer(properties.maxPayloadBytes(), InstantSource.system());
  }

  @Bean
  IngestPipeline ingestPipeline(
      Normalizer normalizer,
      RecordPublisher publisher,
      IngestMetrics metrics,
      IngestProperties properties) {
    return new IngestPipeline(
        normalizer, publisher, metrics, properties.normalizedTopic(), properties.deadLetterTopic());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  ViewRegistry viewRegistry(
      KafkaProperties kafka, @Value("${tessera.registry.topic:feature-definitions}") String topic) {
    return new ViewRegistry(kafka.buildConsumerProperties(), topic);
  }

  @Bean
  KafkaSourceFactory kafkaSourceFactory(
      KafkaProperties kafka,
      IngestProperties properties,
      IngestPipeline pipeline,
      IngestMetrics metrics) {
    return new KafkaSourceFactory(
        kafka.buildConsumerProperties(),
        kafka.buildAdminProperties(),
        properties.kafka(),
        pipeline,
        metrics);
  }

  @Bean(destroyMethod = "close")
  KinesisSourceFactory kinesisSourceFactory(
      CqlSession session,
      @Value("${tessera.kinesis.endpoint:}") String endpoint,
      IngestProperties properties,
      IngestPipeline pipeline,
      IngestMetrics metrics) {
    return new KinesisSourceFactory(
        session, Optional.of(endpoint), properties.kinesis(), pipeline, metrics);
  }

  @Bean
  PushService pushService(
      ViewRegistry registry, IngestPipeline pipeline, IngestProperties properties) {
    return new PushService(registry, pipeline, properties.pushMaxItems());
  }

  @Bean
  DeadLetterReplay deadLetterReplay(
      ViewRegistry registry,
      IngestPipeline pipeline,
      KafkaProperties kafka,
      IngestProperties properties) {
    return new DeadLetterReplay(
        registry,
        pipeline,
        kafka.buildConsumerProperties(),
        properties.deadLetterTopic(),
        properties.kafka().groupPrefix());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  SourceSupervisor sourceSupervisor(
      ViewRegistry registry, List<SourceConsumerFactory> factories, IngestProperties properties) {
    return new SourceSupervisor(registry, factories, properties.reconcileInterval());
  }
}
