package io.tessera.registryclient;

import java.time.Instant;
import java.util.Objects;

/**
 * A deletion marker, published under the key {@code <kind>/<name>/deleted}: every version up to
 * {@code throughVersion} is deleted (serving stops answering for the name; history stays). A later
 * version revives the name. Compaction keeps the newest marker per name, which deletes the most.
 *
 * @param kind view or service
 * @param name the definition's name
 * @param throughVersion the highest deleted version
 * @param deletedBy the API-key principal that deleted it
 * @param deletedAt when the registry stored the deletion
 */
public record DeletionRecord(
    DefinitionKind kind, String name, int throughVersion, String deletedBy, Instant deletedAt)
    implements TopicRecord {

  public DeletionRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (throughVersion < 1) {
      throw new IllegalArgumentException("versions count from 1, was " + throughVersion);
    }
    Objects.requireNonNull(deletedBy, "deletedBy");
    Objects.requireNonNull(deletedAt, "deletedAt");
  }
}
