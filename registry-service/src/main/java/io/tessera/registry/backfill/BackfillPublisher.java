package io.tessera.registry.backfill;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.registry.RegistryProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes backfill commands and statuses and waits for the broker's acknowledgement (all in-sync
 * replicas, idempotent producer), with the shared {@link BackfillCodec}. Returns false instead of
 * throwing: each caller decides what an unpublished record means.
 */
@Component
class BackfillPublisher implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BackfillPublisher.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String requestsTopic;
  private final String statusTopic;
  private final long timeoutMs;

  BackfillPublisher(KafkaProperties kafka, RegistryProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long timeoutMs = properties.publishTimeout().toMillis();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.requestsTopic = properties.backfillRequestsTopic();
    this.statusTopic = properties.backfillStatusTopic();
    this.timeoutMs = timeoutMs;
  }

  /** True once the broker has the command. */
  boolean publish(BackfillCommand command) {
    return send(
        new ProducerRecord<>(
            requestsTopic, BackfillCodec.key(command), BackfillCodec.encode(command)));
  }

  /** True once the broker has the status. */
  boolean publish(BackfillStatus status) {
    return send(
        new ProducerRecord<>(statusTopic, BackfillCodec.key(status), BackfillCodec.encode(status)));
  }

  private boolean send(ProducerRecord<byte[], byte[]> record) {
    try {
      producer.send(record).get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("publishing to {} failed: {}", record.topic(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void destroy() {
    producer.close();
  }
}
