package io.tessera.ingest.views;

import io.tessera.definitions.view.StreamSource;
import io.tessera.ingest.normalize.CompiledView;
import java.util.Optional;

/** Starts consumers for one kind of stream source (Kafka, Kinesis). */
public interface SourceConsumerFactory {

  boolean handles(StreamSource source);

  /**
   * Starts consuming {@code view}'s source.
   *
   * @param predecessor the view's previous version, whose consumer is already closed: where the new
   *     version has no position of its own yet, it continues from the predecessor's
   */
  SourceConsumer start(CompiledView view, Optional<CompiledView> predecessor);
}
