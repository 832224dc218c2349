package io.tessera.aggregation.backfill;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends backfill statuses to the compacted status topic, keyed {@link BackfillStatus#key()} so that
 * the newest of each backfill survives. One backfill's statuses are sent one at a time ({@link
 * JobReport}) by an idempotent producer, so they arrive in the order sent and its final one is
 * never followed by an older one.
 */
final class StatusPublisher implements AutoCloseable {
  private final AcknowledgedProducer producer;
  private final String topic;

  StatusPublisher(Map<String, Object> kafkaProperties, String topic) {
    this.producer = new AcknowledgedProducer(kafkaProperties, Map.of());
    this.topic = topic;
  }

  /** Completes when the status is acknowledged. */
  CompletableFuture<Void> publish(BackfillStatus status) {
    return producer.send(
        new ProducerRecord<>(topic, BackfillCodec.key(status), BackfillCodec.encode(status)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
