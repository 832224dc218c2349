package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedKey;
import io.tessera.records.normalized.NormalizedRecord;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.Watermark;
import io.tessera.streamcore.partition.KeyPartitions;
import io.tessera.testsupport.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A test's normalized topic on the real Kafka, written as ingest and the aggregation owner write it
 * (after aggregation-service's {@code StreamFixture}): events keyed by (view, entity) through the
 * producer's default partitioner, each checked to land where {@link KeyPartitions} says; watermarks
 * into every partition; and seal markers into one partition.
 */
final class NormalizedTopic implements AutoCloseable {
  final String name;
  final int partitions;
  private final KafkaProducer<byte[], byte[]> producer;

  NormalizedTopic(String name, int partitions) throws Exception {
    this.name = name;
    this.partitions = partitions;
    try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    var props = LocalStack.get().kafkaProperties();
    props.put("acks", "all");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Produces the events in order and waits for their acks. */
  void produce(List<NormalizedEvent> events) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (NormalizedEvent event : events) {
      acks.add(
          producer.send(
              new ProducerRecord<>(
                  name,
                  null,
                  event.sourceTimeMs(),
                  NormalizedKey.of(event).encode(),
                  NormalizedRecordCodec.encode(event))));
    }
    for (int i = 0; i < acks.size(); i++) {
      NormalizedEvent event = events.get(i);
      assertThat(acks.get(i).get(30, TimeUnit.SECONDS).partition())
          .as("the producer's partition of %s", event.entityKey())
          .isEqualTo(KeyPartitions.of(event.view(), event.entityKey(), partitions));
    }
  }

  /** The view version's watermark into every partition, as ingest publishes it. */
  void watermark(String view, int version, long watermarkMs) throws Exception {
    long nowMs = System.currentTimeMillis();
    for (int p = 0; p < partitions; p++) {
      send(p, new Watermark(view, version, "test-ingest", watermarkMs, nowMs));
    }
  }

  /** One record into one partition (a seal marker, say); waits for its ack. */
  void send(int partition, NormalizedRecord record) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                name,
                partition,
                System.currentTimeMillis(),
                null,
                NormalizedRecordCodec.encode(record)))
        .get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    producer.close();
  }
}
