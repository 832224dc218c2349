package io.tessera.definitions.view;

import java.util.Objects;

/**
 * A Kafka topic. The ingest service consumes it with its own consumer group and cluster settings;
 * the definition names only the topic, so one definition works in every environment.
 *
 * @param topic the topic name
 * @param format how each record's value decodes
 */
public record KafkaSource(String topic, PayloadFormat format) implements StreamSource {

  public KafkaSource {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(format, "format");
  }
}
