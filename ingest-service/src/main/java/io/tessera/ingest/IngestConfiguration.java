package io.tessera.ingest;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.definitions.validation.KinesisEndpoints;
import io.tessera.ingest.deadletter.DeadLetterReplay;
import io.tessera.ingest.deadletter.ReplayJobs;
import io.tessera.ingest.kafka.KafkaSourceFactory;
import io.tessera.ingest.kinesis.KinesisSourceFactory;
import io.tessera.ingest.normalize.Normalizer;
import io.tessera.ingest.normalize.NormalizerLimits;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.pipeline.RecordPublisher;
import io.tessera.ingest.push.PushService;
import io.tessera.ingest.views.FedVersion;
import io.tessera.ingest.views.SourceConsumerFactory;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.ingest.views.ViewRegistry;
import io.tessera.ingest.watermark.InstanceWatermarks;
import io.tessera.ingest.watermark.WatermarkPublisher;
import io.tessera.registryclient.BackfillCompletions;
import io.tessera.registryclient.BackfillStatusFollower;
import io.tessera.service.cassandra.CassandraStartup;
import io.tessera.service.web.BodySizeLimitFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

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
  RecordPublisher recordPublisher(KafkaProperties kafka, IngestProperties properties) {
    return new RecordPublisher(kafka.buildProducerProperties(), properties.pushAckTimeout());
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  Normalizer normalizer(IngestProperties properties) {
    return new Normalizer(
        new NormalizerLimits(
            properties.maxPayloadBytes(),
            properties.maxEntityKeyBytes(),
            properties.maxEventIdBytes(),
            properties.maxClockSkew()),
        InstantSource.system());
  }

  @Bean
  InstanceWatermarks instanceWatermarks() {
    return new InstanceWatermarks();
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  WatermarkPublisher watermarkPublisher(
      InstanceWatermarks watermarks,
      RecordPublisher publisher,
      IngestMetrics metrics,
      IngestProperties properties) {
    return new WatermarkPublisher(
        watermarks,
        publisher,
        metrics,
        properties.normalizedTopic(),
        properties.watermark().interval(),
        properties.watermark().heartbeat(),
        InstantSource.system());
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
      KafkaProperties kafka,
      @Value("${tessera.registry.topic:feature-definitions}") String topic,
      BackfillCompletions completions) {
    return new ViewRegistry(kafka.buildConsumerProperties(), topic, completions);
  }

  @Bean
  BackfillCompletions backfillCompletions() {
    return new BackfillCompletions();
  }

  /** Which backfills completed: they decide when a view's old version stops being fed. */
  @Bean(destroyMethod = "close")
  BackfillStatusFollower backfillStatusFollower(
      KafkaProperties kafka, IngestProperties properties, BackfillCompletions completions)
      throws InterruptedException {
    // Versions are decided from the completions: knowing none yet would go back a version.
    return BackfillStatusFollower.startCaughtUp(
        kafka.buildConsumerProperties(),
        properties.backfillStatusTopic(),
        completions.recorder(),
        Duration.ofSeconds(60));
  }

  @Bean
  KafkaSourceFactory kafkaSourceFactory(
      KafkaProperties kafka,
      IngestProperties properties,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      InstanceWatermarks watermarks) {
    return new KafkaSourceFactory(
        kafka.buildConsumerProperties(),
        kafka.buildAdminProperties(),
        properties.kafka(),
        pipeline,
        metrics,
        watermarks);
  }

  @Bean(destroyMethod = "close")
  KinesisSourceFactory kinesisSourceFactory(
      CqlSession session,
      CassandraStartup startup,
      @Value("${tessera.kinesis.endpoint:}") String endpoint,
      Environment environment,
      IngestProperties properties,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      InstanceWatermarks watermarks) {
    return new KinesisSourceFactory(
        session,
        startup,
        Optional.of(endpoint),
        kinesisEndpoints(environment, endpoint),
        properties.kinesis(),
        pipeline,
        metrics,
        watermarks);
  }

  /**
   * The Kinesis endpoints a view may name: {@code tessera.kinesis.allowed-endpoints} and the
   * platform's own default endpoint.
   */
  static KinesisEndpoints kinesisEndpoints(Environment environment, String defaultEndpoint) {
    List<String> allowed =
        new ArrayList<>(
            Binder.get(environment)
                .bind("tessera.kinesis.allowed-endpoints", Bindable.listOf(String.class))
                .orElse(List.of()));
    allowed.add(defaultEndpoint);
    return KinesisEndpoints.allowing(allowed);
  }

  @Bean
  PushService pushService(
      ViewRegistry registry,
      IngestPipeline pipeline,
      IngestProperties properties,
      InstanceWatermarks watermarks) {
    return new PushService(
        registry, pipeline, properties.pushMaxItems(), watermarks, properties.pushAckTimeout());
  }

  /** Refuses a body over {@code max-body-size} with 413 before reading it. */
  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(IngestProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** Replays run on their own threads: at most {@code replay-threads} at once, the rest queue. */
  @Bean(destroyMethod = "close")
  ReplayJobs replayJobs(
      ViewRegistry registry,
      IngestPipeline pipeline,
      KafkaProperties kafka,
      IngestProperties properties) {
    DeadLetterReplay replay =
        new DeadLetterReplay(
            pipeline,
            view -> registry.fed(view).stream().map(FedVersion::view).toList(),
            kafka.buildConsumerProperties(),
            properties.deadLetterTopic(),
            properties.kafka().groupPrefix());
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            properties.replayThreads(),
            runnable -> {
              Thread thread = new Thread(runnable, "dead-letter-replay-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    return new ReplayJobs(registry::latest, replay::run, threads, Clock.systemUTC());
  }

  /**
   * Depends on the watermark publisher so that it is closed first: every consumer has published
   * (and so has its last watermark) before the publisher retires this instance's watermarks. And on
   * the backfill-status follower, caught up: the versions fed are decided from its completions.
   */
  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn({"watermarkPublisher", "backfillStatusFollower"})
  SourceSupervisor sourceSupervisor(
      ViewRegistry registry,
      List<SourceConsumerFactory> factories,
      InstanceWatermarks watermarks,
      IngestProperties properties) {
    return new SourceSupervisor(
        registry,
        factories,
        watermarks,
        properties.reconcileInterval(),
        properties.handOverGrace());
  }
}
