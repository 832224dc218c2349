package io.tessera.aggregation.deadletter;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends aggregation's dead letters ({@code too_late}, undecodable records, rows a backfill
 * refused): idempotent, {@code acks=all}, one future per letter so a batch commits (and a backfill
 * completes) only after its letters are acknowledged.
 */
public final class DeadLetterPublisher implements AutoCloseable {
  private final AcknowledgedProducer producer;
  private final String topic;

  public DeadLetterPublisher(Map<String, Object> kafkaProperties, String topic) {
    this.producer = new AcknowledgedProducer(kafkaProperties, Map.of());
    this.topic = topic;
  }

  public CompletableFuture<Void> send(DeadLetter letter) {
    return producer.send(
        new ProducerRecord<>(topic, DeadLetterCodec.key(letter), DeadLetterCodec.encode(letter)));
  }

  @Override
  public void close() {
    producer.close();
  }
}
