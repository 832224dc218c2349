package io.tessera.definitions.view;

/** Where a view's live events come from. Every payload is decoded with its {@link #format()}. */
public sealed interface StreamSource permits KafkaSource, KinesisSource {

  PayloadFormat format();
}
