package io.tessera.aggregation.support;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The registry's side of backfills in a test: per-test request and status topics (the service
 * creates them), commands sent as the registry sends them (keyed by view, the shared codec), and
 * every status read back in the order published.
 */
public final class BackfillTopics implements AutoCloseable {
  private final String requests = UniqueNames.of("bf_requests");
  private final String status = UniqueNames.of("bf_status");
  private final String reports = UniqueNames.of("bf_reports");
  private final String group = UniqueNames.of("bf_group");
  private final KafkaProducer<byte[], byte[]> producer =
      new KafkaProducer<>(
          LocalStack.get().kafkaProperties(), new ByteArraySerializer(), new ByteArraySerializer());
  private final List<BackfillStatus> seen = new ArrayList<>();
  private KafkaConsumer<byte[], byte[]> statuses;

  /** The service's properties that point its worker at these topics. */
  public Map<String, Object> properties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("tessera.aggregation.backfill.requests-topic", requests);
    properties.put("tessera.aggregation.backfill.status-topic", status);
    properties.put("tessera.aggregation.backfill.reports-topic", reports);
    properties.put("tessera.aggregation.backfill.consumer-group", group);
    return properties;
  }

  public void send(BackfillCommand command) {
    send(BackfillCodec.key(command), BackfillCodec.encode(command));
  }

  /** A record any producer might write: any key, any bytes. */
  public void send(byte[] key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(requests, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads statuses until one of backfill {@code id} matches {@code until}.
   *
   * @return the first that matches
   * @throws AssertionError when none matches within {@code timeout}
   */
  public BackfillStatus awaitStatus(String id, Predicate<BackfillStatus> until, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (BackfillStatus status : read()) {
        if (status.id().equals(id) && until.test(status)) {
          return status;
        }
      }
    }
    throw new AssertionError("no status of backfill " + id + " as expected; seen " + seen);
  }

  /** The final status of backfill {@code id}, once published. */
  public BackfillStatus awaitEnd(String id, Duration timeout) {
    return awaitStatus(id, status -> status.state().isFinal(), timeout);
  }

  /** Every status of backfill {@code id} read so far, in the order published. */
  public List<BackfillStatus> statusesOf(String id) {
    return read().stream().filter(status -> status.id().equals(id)).toList();
  }

  /**
   * Every report of the scans of backfill {@code id} on the reports topic now, tombstoned or not
   * (the topic is not compacted while a test runs).
   */
  public List<BackfillReport> reportsOf(String id) {
    List<BackfillReport> found = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : reportRecords()) {
      if (record.value() != null) {
        BackfillReport report = BackfillCodec.decodeReport(record.value());
        if (report.id().equals(id)) {
          found.add(report);
        }
      }
    }
    return found;
  }

  /** The scans of backfill {@code id} whose reports were tombstoned (once it ended). */
  public Set<String> tombstonedScansOf(String id) {
    Set<String> scans = new HashSet<>();
    String prefix = id + "/";
    for (ConsumerRecord<byte[], byte[]> record : reportRecords()) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (record.value() == null && key.startsWith(prefix)) {
        scans.add(key.substring(prefix.length()));
      }
    }
    return scans;
  }

  private List<ConsumerRecord<byte[], byte[]>> reportRecords() {
    Map<String, Object> config = new HashMap<>(LocalStack.get().kafkaProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reports-" + UUID.randomUUID());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition only = new TopicPartition(reports, 0);
      consumer.assign(List.of(only));
      consumer.seekToBeginning(List.of(only));
      long end = consumer.endOffsets(List.of(only)).get(only);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (consumer.position(only) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** The statuses read so far plus those published since (polls once, briefly). */
  private List<BackfillStatus> read() {
    if (statuses == null) {
      Map<String, Object> config = new HashMap<>(LocalStack.get().kafkaProperties());
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "status-" + UUID.randomUUID());
      statuses =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      TopicPartition only = new TopicPartition(status, 0);
      statuses.assign(List.of(only));
      statuses.seekToBeginning(List.of(only));
    }
    for (ConsumerRecord<byte[], byte[]> record : statuses.poll(Duration.ofMillis(200))) {
      seen.add(BackfillCodec.decodeStatus(record.value()));
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    producer.close();
    if (statuses != null) {
      statuses.close();
    }
  }
}
