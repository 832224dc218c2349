package io.tessera.registry.publish;

import io.tessera.registry.RegistryProperties;
import io.tessera.registryclient.RecordCodec;
import io.tessera.registryclient.TopicRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes records to the feature-definitions topic and waits for the broker's acknowledgement
 * (all in-sync replicas, idempotent producer). A failure is logged, not thrown: the record is
 * stored already, and the reconciler publishes what the topic lacks.
 */
@Component
public class DefinitionPublisher implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(DefinitionPublisher.class);

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final long timeoutMs;

  public DefinitionPublisher(KafkaProperties kafka, RegistryProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long timeoutMs = properties.publishTimeout().toMillis();
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    this.topic = properties.topic();
    this.timeoutMs = timeoutMs;
  }

  /** Publishes one record; true once the broker has it. */
  public boolean publish(TopicRecord record) {
    return publishAll(List.of(record)) == 1;
  }

  /** Publishes records in order; returns how many the broker acknowledged. */
  public int publishAll(List<? extends TopicRecord> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try {
      for (TopicRecord record : records) {
        sent.add(
            producer.send(new ProducerRecord<>(topic, record.key(), RecordCodec.value(record))));
      }
    } catch (RuntimeException e) {
      LOG.warn("publishing to {} failed; the reconciler will retry: {}", topic, e.toString());
    }
    int acknowledged = 0;
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get(timeoutMs, TimeUnit.MILLISECONDS);
        acknowledged++;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("publishing to {} failed; the reconciler will retry: {}", topic, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return acknowledged;
  }

  @Override
  public void destroy() {
    producer.close();
  }
}
