package io.tessera.ingest.views;

import io.tessera.definitions.view.StreamSource;

/** Starts consumers for one kind of stream source (Kafka, Kinesis). */
public interface SourceConsumerFactory {

  boolean handles(StreamSource source);

  /**
   * Starts consuming a view version's source. Where the version has no position of its own yet, it
   * continues from its {@link FedVersion#predecessor()}'s (whose consumer is already closed), or
   * else from the source's earliest retained record.
   */
  SourceConsumer start(FedVersion fed);
}
