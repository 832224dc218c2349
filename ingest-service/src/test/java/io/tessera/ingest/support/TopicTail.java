package io.tessera.ingest.support;

import static org.awaitility.Awaitility.await;

import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecord;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.Watermark;
import io.tessera.testsupport.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from its beginning and keeps everything it read, for assertions. */
public final class TopicTail implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  public TopicTail(String topic) {
    Map<String, Object> config = LocalStack.get().kafkaProperties();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Everything read so far, after one more poll. */
  public synchronized List<ConsumerRecord<byte[], byte[]>> records() {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return List.copyOf(records);
  }

  /** The normalized events read so far; watermark records are skipped. */
  public List<NormalizedEvent> events() {
    return records().stream()
        .map(r -> NormalizedRecordCodec.decode(r.value()))
        .filter(NormalizedEvent.class::isInstance)
        .map(NormalizedEvent.class::cast)
        .toList();
  }

  /** The watermark records read so far. */
  public List<Watermark> watermarks() {
    return records().stream()
        .map(r -> NormalizedRecordCodec.decode(r.value()))
        .filter(Watermark.class::isInstance)
        .map(Watermark.class::cast)
        .toList();
  }

  /** Every normalized record read so far, per partition, in offset order. */
  public Map<Integer, List<NormalizedRecord>> byPartition() {
    Map<Integer, List<NormalizedRecord>> partitions = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records()) {
      partitions
          .computeIfAbsent(record.partition(), p -> new ArrayList<>())
          .add(NormalizedRecordCodec.decode(record.value()));
    }
    return partitions;
  }

  /** How many partitions hold a live watermark of {@code view} at or past {@code atLeastMs}. */
  public long partitionsWithWatermark(String view, long atLeastMs) {
    return byPartition().values().stream()
        .filter(
            records ->
                records.stream()
                    .anyMatch(
                        r ->
                            r instanceof Watermark w
                                && w.view().equals(view)
                                && !w.isRetired()
                                && w.watermarkMs() >= atLeastMs))
        .count();
  }

  public List<DeadLetter> letters() {
    return records().stream().map(r -> DeadLetterCodec.decode(r.value())).toList();
  }

  public List<NormalizedEvent> awaitEvents(int count) {
    await().atMost(Duration.ofSeconds(90)).until(() -> events().size() >= count);
    return events();
  }

  public List<DeadLetter> awaitLetters(int count) {
    await().atMost(Duration.ofSeconds(90)).until(() -> letters().size() >= count);
    return letters();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
