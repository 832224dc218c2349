package io.tessera.aggregation.owner;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes seal markers into the normalized partition whose rows they describe (explicit partition,
 * no key): idempotent, {@code acks=all}, so a retried send never lands twice and a marker's ack
 * means every follower of the partition will read it after the records before it.
 */
public final class MarkerPublisher implements AutoCloseable {
  private final AcknowledgedProducer producer;
  private final String topic;

  public MarkerPublisher(Map<String, Object> kafkaProperties, String topic) {
    this.producer =
        new AcknowledgedProducer(kafkaProperties, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
    this.topic = topic;
  }

  /** Completes when the broker acknowledged the marker. */
  public CompletableFuture<Void> send(int partition, SealMarker marker) {
    return producer.send(
        new ProducerRecord<>(topic, partition, null, NormalizedRecordCodec.encode(marker)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
