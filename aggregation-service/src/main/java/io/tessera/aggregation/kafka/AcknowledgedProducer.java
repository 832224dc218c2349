package io.tessera.aggregation.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer whose every send is a future completed by the broker's acknowledgement: idempotent and
 * {@code acks=all}, so a retried send never lands twice, and records sent from one thread land in
 * the order sent. What the service writes (markers, dead letters, backfill statuses) is committed
 * or reported only after such an acknowledgement.
 */
public final class AcknowledgedProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param settings producer settings on top of {@code kafkaProperties} and the two above
   */
  public AcknowledgedProducer(Map<String, Object> kafkaProperties, Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(settings);
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Completes when the broker acknowledged {@code record}, or with its error. */
  public CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    producer.send(
        record,
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
