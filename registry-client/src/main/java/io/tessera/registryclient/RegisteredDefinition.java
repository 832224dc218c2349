package io.tessera.registryclient;

import java.util.Objects;

/**
 * One version of a definition as a snapshot holds it: the topic record and the definition read from
 * it.
 *
 * @param record what the registry published
 * @param definition {@code FeatureView} or {@code FeatureService}, read from {@code
 *     record.definition()}
 * @param <T> the definition type
 */
public record RegisteredDefinition<T>(VersionRecord record, T definition) {

  public RegisteredDefinition {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(definition, "definition");
  }

  public String name() {
    return record.name();
  }

  public int version() {
    return record.version();
  }

  public String contentHash() {
    return record.contentHash();
  }
}
