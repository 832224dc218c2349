package io.tessera.harness.load;

/** A source the events go to: a Kafka topic or a Kinesis stream. */
public interface EventSink extends AutoCloseable {

  /** Queues the event; may send at once. */
  void send(SourceEvent event);

  /** Returns when every queued event is acknowledged by the source. */
  void flush();

  @Override
  void close();
}
