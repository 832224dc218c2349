package io.tessera.serving.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.registryclient.BackfillCompletions;
import io.tessera.registryclient.BackfillStatusFollower;
import io.tessera.registryclient.RegistryClient;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.serving.online.DefinitionResolver;
import io.tessera.serving.online.FeatureServingService;
import io.tessera.serving.online.ServingMetrics;
import io.tessera.serving.online.ServingVersions;
import io.tessera.serving.online.ViewPlans;
import io.tessera.serving.online.ViewReads;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The serving path: registry, versions, resolver, metrics and the service the transports call. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServingProperties.class)
class ServingConfiguration {

  /** Definitions come from the topic only; start-up waits until the registry is read to its end. */
  @Bean(destroyMethod = "close")
  RegistryClient registryClient(KafkaProperties kafka, ServingProperties properties)
      throws InterruptedException {
    RegistryClient client =
        new RegistryClient(kafka.buildConsumerProperties(), properties.registryTopic());
    client.start();
    client.awaitCaughtUp(Duration.ofSeconds(60));
    return client;
  }

  @Bean
  BackfillCompletions backfillCompletions() {
    return new BackfillCompletions();
  }

  /** Takes the status follower so that it exists, caught up, before any version is decided. */
  @Bean
  ServingVersions servingVersions(
      BackfillCompletions completions,
      BackfillStatusFollower statuses,
      PartitionFollower follower) {
    return new ServingVersions(completions, follower::lineageWatermarkMs, Clock.systemUTC());
  }

  @Bean(destroyMethod = "close")
  BackfillStatusFollower backfillStatusFollower(
      KafkaProperties kafka, ServingProperties properties, BackfillCompletions completions)
      throws InterruptedException {
    // Versions are decided from the completions: knowing none yet would go back a version.
    return BackfillStatusFollower.startCaughtUp(
        kafka.buildConsumerProperties(),
        properties.backfillStatusTopic(),
        completions.recorder(),
        Duration.ofSeconds(60));
  }

  @Bean
  ViewPlans viewPlans() {
    return new ViewPlans();
  }

  @Bean
  ServingMetrics servingMetrics(MeterRegistry meters) {
    return new ServingMetrics(meters);
  }

  @Bean
  FeatureServingService featureServingService(
      RegistryClient registry,
      ServingVersions versions,
      ViewPlans plans,
      ViewReads viewReads,
      ServingMetrics metrics,
      ServingProperties properties) {
    return new FeatureServingService(
        new DefinitionResolver(registry::snapshot, versions, plans),
        viewReads,
        metrics,
        Clock.systemUTC(),
        properties.maxEntities(),
        properties.maxEntityKeyBytes(),
        properties.requestTimeout());
  }
}
