package io.tessera.ingest.pipeline;

import java.time.Duration;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one Kafka producer of an ingest instance, shared by every source: idempotent (a retry after a
 * lost acknowledgement does not write a record twice) and {@code acks=all}. {@link #sendAll}
 * returns only when every record is acknowledged, which is what lets a source commit its position
 * after it.
 */
public final class RecordPublisher implements AutoCloseable {

  /** Longer than the producer's own delivery timeout (2 min): it fails first, with its reason. */
  private static final Duration ACK_WAIT = Duration.ofMinutes(3);

  private final KafkaProducer<byte[], byte[]> producer;

  public RecordPublisher(Map<String, Object> kafkaProperties) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Sends the records and waits for every acknowledgement.
   *
   * @throws PublishFailedException if any record was not acknowledged; the caller must not commit
   *     its source position and should read the batch again
   */
  public void sendAll(List<ProducerRecord<byte[], byte[]>> records) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      acks.add(producer.send(record));
    }
    producer.flush();
    long deadline = System.nanoTime() + ACK_WAIT.toNanos();
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw new PublishFailedException("a record was not acknowledged: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new PublishFailedException("no acknowledgement within " + ACK_WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException("interrupted while waiting for acknowledgements", e);
    }
  }

  /** The number of partitions of {@code topic}, from the producer's metadata. */
  public int partitionCount(String topic) {
    return producer.partitionsFor(topic).size();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  /** Records were not durably written; nothing may be committed for them. */
  public static final class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
