package io.tessera.registryclient;

/** One record of the feature-definitions topic: a new version, or a deletion marker. */
public sealed interface TopicRecord permits VersionRecord, DeletionRecord {

  DefinitionKind kind();

  String name();

  /** The record's Kafka key, which {@link RecordCodec} encodes. */
  default String key() {
    return RecordCodec.key(this);
  }
}
