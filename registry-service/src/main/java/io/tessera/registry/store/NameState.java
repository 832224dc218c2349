package io.tessera.registry.store;

import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.DeletionRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The pointer row of one name: its latest version (with the owner and tags the list endpoint
 * filters on) and how far it is deleted.
 *
 * @param latestVersion the newest version; 0 if the pointer was never written
 * @param deletedThroughVersion the highest deleted version; 0 if never deleted
 */
public record NameState(
    DefinitionKind kind,
    String name,
    int latestVersion,
    String contentHash,
    String owner,
    Map<String, String> tags,
    int deletedThroughVersion,
    String deletedBy,
    Instant deletedAt) {

  public NameState {
    tags = Map.copyOf(tags);
  }

  /** Whether the latest version is live: it exists and is newer than the deletion. */
  public boolean isLive() {
    return latestVersion > deletedThroughVersion;
  }

  /** The deletion marker to publish, if the name was ever deleted. */
  public Optional<DeletionRecord> deletion() {
    return deletedThroughVersion == 0
        ? Optional.empty()
        : Optional.of(new DeletionRecord(kind, name, deletedThroughVersion, deletedBy, deletedAt));
  }
}
