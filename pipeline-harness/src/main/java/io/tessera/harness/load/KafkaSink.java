package io.tessera.harness.load;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces to a Kafka topic, keyed by entity, idempotently with {@code acks=all}: what a careful
 * application producer does. Sends are asynchronous; a failed send fails the next {@link #flush}.
 */
public final class KafkaSink implements EventSink {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private volatile Exception failure;

  public KafkaSink(Map<String, Object> kafkaProperties, String topic) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  @Override
  public void send(SourceEvent event) {
    producer.send(
        new ProducerRecord<>(topic, event.entityKey(), event.json()),
        (metadata, exception) -> {
          if (exception != null) {
            failure = exception;
          }
        });
  }

  /** Sends with a callback on acknowledgement (for freshness probes). */
  public void send(SourceEvent event, Runnable acknowledged) {
    producer.send(
        new ProducerRecord<>(topic, event.entityKey(), event.json()),
        (metadata, exception) -> {
          if (exception != null) {
            failure = exception;
          } else {
            acknowledged.run();
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    if (failure != null) {
      throw new IllegalStateException("producing to " + topic + " failed", failure);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
