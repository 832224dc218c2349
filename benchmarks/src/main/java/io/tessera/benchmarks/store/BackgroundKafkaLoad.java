package io.tessera.benchmarks.store;

import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Keeps the Kafka broker busy at a steady rate while the store is measured, as the streaming
 * pipeline would: on this 2-core machine the broker competes with Cassandra for the CPU.
 */
final class BackgroundKafkaLoad implements AutoCloseable {

  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;

  BackgroundKafkaLoad(LocalStack stack, int eventsPerSecond) {
    Map<String, Object> props = stack.kafkaProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    String topic = UniqueNames.of("bench_background");
    byte[] payload = new byte[200];
    this.thread =
        new Thread(
            () -> {
              try (var producer =
                  new KafkaProducer<>(
                      props, new ByteArraySerializer(), new ByteArraySerializer())) {
                long intervalNanos = 1_000_000_000L / eventsPerSecond;
                long next = System.nanoTime();
                while (running) {
                  producer.send(new ProducerRecord<>(topic, null, payload));
                  sent.incrementAndGet();
                  next += intervalNanos;
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                }
              }
            },
            "background-kafka-load");
    thread.setDaemon(true);
    thread.start();
  }

  long sent() {
    return sent.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
