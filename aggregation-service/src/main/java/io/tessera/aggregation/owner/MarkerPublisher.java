package io.tessera.aggregation.owner;

import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes seal markers into the normalized partition whose rows they describe (explicit partition,
 * no key): idempotent, {@code acks=all}, so a retried send never lands twice and a marker's ack
 * means every follower of the partition will read it after the records before it.
 */
public final class MarkerPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public MarkerPublisher(Map<String, Object> kafkaProperties, String topic) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  /** Completes when the broker acknowledged the marker. */
  public CompletableFuture<Void> send(int partition, SealMarker marker) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(topic, partition, null, NormalizedRecordCodec.encode(marker)),
        (metadata, error) -> {
          if (error != null) {
            acked.completeExceptionally(error);
          } else {
            acked.complete(null);
          }
        });
    return acked;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
