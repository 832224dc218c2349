package io.tessera.registry.backfill;

import io.tessera.registry.RegistryProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares the two backfill topics; Spring Kafka's admin creates them at start-up when missing. */
@Configuration(proxyBeanMethods = false)
class BackfillTopicConfiguration {

  /**
   * Workers share the requests as a consumer group, so the partitions are how many backfills may
   * run at once; keyed by view, so one view's start and cancel reach one worker in order.
   */
  static final int REQUEST_PARTITIONS = 4;

  @Bean
  NewTopic backfillRequestsTopic(RegistryProperties properties) {
    return TopicBuilder.name(properties.backfillRequestsTopic())
        .partitions(REQUEST_PARTITIONS)
        .replicas(properties.topicReplicas())
        .build();
  }

  /**
   * Compacted, keyed per backfill: the newest status of every backfill stays forever, and serving
   * learns from it at any time which versions may serve. One partition: a handful of records per
   * backfill, read whole by every registry and serving instance.
   */
  @Bean
  NewTopic backfillStatusTopic(RegistryProperties properties) {
    return TopicBuilder.name(properties.backfillStatusTopic())
        .partitions(1)
        .replicas(properties.topicReplicas())
        .compact()
        .build();
  }
}
