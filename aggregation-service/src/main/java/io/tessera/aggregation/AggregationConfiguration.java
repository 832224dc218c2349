package io.tessera.aggregation;

import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.service.loop.ConsumerLoopHealth;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what the owner shares with the service around it: the registry's views, dead letters,
 * metrics and the consumer loop's health check. The owner itself (sealed store, loop) is wired by
 * {@link OwnerConfiguration}. The classes are plain Java.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregationProperties.class)
class AggregationConfiguration {

  @Bean
  NewTopic deadLetterTopic(AggregationProperties properties) {
    return new NewTopic(properties.deadLetterTopic(), 4, (short) -1);
  }

  @Bean(destroyMethod = "close")
  ViewCatalog viewCatalog(
      KafkaProperties kafka, @Value("${tessera.registry.topic:feature-definitions}") String topic) {
    return new ViewCatalog(kafka.buildConsumerProperties(), topic).start();
  }

  @Bean
  AggregationMetrics aggregationMetrics(MeterRegistry registry) {
    return new AggregationMetrics(registry);
  }

  @Bean(destroyMethod = "close")
  DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, AggregationProperties properties) {
    return new DeadLetterPublisher(kafka.buildProducerProperties(), properties.deadLetterTopic());
  }

  /** The {@code consumerLoop} health check: DOWN when the loop thread died. */
  @Bean
  ConsumerLoopHealth consumerLoop() {
    return new ConsumerLoopHealth();
  }
}
