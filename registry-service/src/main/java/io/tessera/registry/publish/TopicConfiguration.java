package io.tessera.registry.publish;

import io.tessera.registry.RegistryProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares the topic; Spring Kafka's admin creates it at start-up when it is missing. */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

  /**
   * Compacted, so it keeps every version (keys are per version) and the newest deletion marker per
   * name forever; one partition, so every consumer sees one total order.
   */
  @Bean
  NewTopic featureDefinitionsTopic(RegistryProperties properties) {
    return TopicBuilder.name(properties.topic())
        .partitions(1)
        .replicas(properties.topicReplicas())
        .compact()
        .build();
  }
}
