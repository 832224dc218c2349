package io.tessera.registry;

import io.tessera.testsupport.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * Every record of one topic from its beginning, decoded, for a test to wait on; and a producer to
 * it, as a worker would publish.
 *
 * @param <T> what a record's value decodes to
 */
final class TopicTail<T> implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Function<byte[], T> decode;
  private final List<T> seen = new ArrayList<>();

  TopicTail(String topic, Function<byte[], T> decode) {
    Map<String, Object> config = new HashMap<>(LocalStack.get().kafkaProperties());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.decode = decode;
  }

  /**
   * The records matching {@code wanted}, once there are {@code count}; fails after {@code wait}.
   */
  List<T> await(Predicate<T> wanted, int count, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<T> matching = seen.stream().filter(wanted).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + count + " matching records within " + wait + "; saw " + seen);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        seen.add(decode.apply(record.value()));
      }
    }
  }

  /** Every record matching {@code wanted} after reading for {@code reading} more. */
  List<T> allAfter(Predicate<T> wanted, Duration reading) {
    long deadline = System.nanoTime() + reading.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        seen.add(decode.apply(record.value()));
      }
    }
    return seen.stream().filter(wanted).toList();
  }

  /** Publishes one record and waits for the broker to have it. */
  static void publish(String topic, byte[] key, byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
