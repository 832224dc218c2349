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
 *
 * <p>Two ways to wait: a source waits as long as the producer itself retries ({@link #sendAll}),
 * then reads its batch again; a push has a client waiting and a servlet thread held, so it waits at
 * most a bound ({@link #sendAllWithin}). That bound is also the producer's {@code max.block.ms}:
 * with Kafka unreachable, {@code send} itself blocks on metadata or a full buffer, and would hold
 * the thread for a minute before any timeout of ours could answer.
 */
public final class RecordPublisher implements AutoCloseable {

  /** Longer than the producer's own delivery timeout (2 min): it fails first, with its reason. */
  private static final Duration ACK_WAIT = Duration.ofMinutes(3);

  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param maxBlock the longest {@code send} may block (on metadata or a full buffer); a blocked
   *     send fails its record, which the caller sees as a {@link PublishFailedException}
   */
  public RecordPublisher(Map<String, Object> kafkaProperties, Duration maxBlock) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
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
    long deadline = System.nanoTime() + ACK_WAIT.toNanos();
    List<Future<RecordMetadata>> acks = send(records, deadline, ACK_WAIT);
    producer.flush();
    await(acks, deadline, ACK_WAIT);
  }

  /**
   * Sends the records and waits at most {@code ackTimeout}, sends included, for every
   * acknowledgement (without {@code flush}, which would wait for every record in flight, however
   * long that takes; the producer's short linger sends the records anyway).
   *
   * @throws PublishFailedException if any record was not acknowledged in time. The records may
   *     still be written later: what was sent is unknown, so a retry must carry the same event ids
   */
  public void sendAllWithin(List<ProducerRecord<byte[], byte[]>> records, Duration ackTimeout) {
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    await(send(records, deadline, ackTimeout), deadline, ackTimeout);
  }

  /**
   * Sends every record, stopping at the first one the producer failed at once (a send that timed
   * out blocking on metadata or buffer space: every following one would block as long) or when the
   * deadline has passed.
   */
  private List<Future<RecordMetadata>> send(
      List<ProducerRecord<byte[], byte[]>> records, long deadline, Duration wait) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      Future<RecordMetadata> ack = producer.send(record);
      acks.add(ack);
      if (ack.isDone()) {
        await(List.of(ack), deadline, wait); // throws if the send failed
      } else if (System.nanoTime() - deadline > 0) {
        throw new PublishFailedException(
            "no acknowledgement within " + wait + ": the producer blocked", null);
      }
    }
    return acks;
  }

  private static void await(List<Future<RecordMetadata>> acks, long deadline, Duration wait) {
    try {
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw new PublishFailedException("a record was not acknowledged: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new PublishFailedException("no acknowledgement within " + wait, e);
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
