package io.tessera.aggregation.support;

import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.records.normalized.NormalizedKey;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.Watermark;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.RecordCodec;
import io.tessera.registryclient.VersionRecord;
import io.tessera.testsupport.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kafka side of a test: per-test topics, view definitions published with the registry client's
 * codec (as the registry-service writes them), normalized events produced with the stream-records
 * codec (as ingest writes them), watermarks into every partition (as ingest publishes them), and
 * the dead letters read back.
 */
public final class StreamFixture implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AggregationInstance.Names names;
  private final KafkaProducer<byte[], byte[]> producer;
  private final int partitions;
  private final String publisher = "fixture-" + UUID.randomUUID();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "fixture-watermarks");
            thread.setDaemon(true);
            return thread;
          });

  public StreamFixture(AggregationInstance.Names names, int partitions) {
    this.names = names;
    this.partitions = partitions;
    try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(names.registry(), 1, (short) 1),
                  new NewTopic(names.normalized(), partitions, (short) 1),
                  new NewTopic(names.deadLetters(), 1, (short) 1)))
          .all()
          .get();
    } catch (Exception e) {
      throw new IllegalStateException("creating topics", e);
    }
    this.producer =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  public void publishView(String viewJson, int version) {
    ObjectNode definition = (ObjectNode) JSON.readTree(viewJson);
    VersionRecord record =
        new VersionRecord(
            DefinitionKind.VIEW,
            definition.get("name").asString(),
            version,
            "hash-" + version,
            version == 1 ? VersionRecord.CREATED : "SEMANTIC",
            false,
            "test",
            Instant.now(),
            definition);
    try (KafkaProducer<String, String> strings =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(), new StringSerializer(), new StringSerializer())) {
      strings
          .send(new ProducerRecord<>(names.registry(), record.key(), RecordCodec.value(record)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Produces the events (keyed by view and entity, source time as timestamp) and waits for acks.
   */
  public void produce(List<NormalizedEvent> events) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (NormalizedEvent event : events) {
      acks.add(
          producer.send(
              new ProducerRecord<>(
                  names.normalized(),
                  null,
                  event.sourceTimeMs(),
                  NormalizedKey.of(event).encode(),
                  NormalizedEventCodec.encode(event))));
    }
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Produces a record as some other producer might: any key, any bytes. */
  public void produceRaw(String key, byte[] value) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  names.normalized(), key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Publishes the view version's watermark into every partition, as an ingest instance does after
   * the events it covers were acknowledged.
   */
  public void publishWatermark(String view, int version, long watermarkMs) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    long nowMs = System.currentTimeMillis();
    byte[] value =
        NormalizedRecordCodec.encode(new Watermark(view, version, publisher, watermarkMs, nowMs));
    for (int partition = 0; partition < partitions; partition++) {
      acks.add(
          producer.send(new ProducerRecord<>(names.normalized(), partition, nowMs, null, value)));
    }
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Publishes the view version's watermark every 200 ms until closed, as ingest does for a source
   * that is read up to {@code watermark} (the wall clock for an idle, fully read one).
   */
  public void keepPublishingWatermark(String view, int version, LongSupplier watermark) {
    heartbeat.scheduleWithFixedDelay(
        () -> publishWatermark(view, version, watermark.getAsLong()),
        0,
        200,
        TimeUnit.MILLISECONDS);
  }

  /** Every dead letter on the topic so far. */
  public List<DeadLetter> deadLetters() {
    Map<String, Object> config = new java.util.HashMap<>(LocalStack.get().kafkaProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dl-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(names.deadLetters()));
      long deadline = System.currentTimeMillis() + 3_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          letters.add(DeadLetterCodec.decode(record.value()));
        }
      }
    }
    return letters;
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    producer.close();
  }
}
