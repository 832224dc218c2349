package io.tessera.registry.definition;

import io.tessera.registry.store.StoredVersion;
import java.util.List;

/**
 * Every version of one name, newest first, and how far it is deleted.
 *
 * @param deletedThroughVersion the highest deleted version; 0 if never deleted
 */
public record History(String name, List<StoredVersion> versions, int deletedThroughVersion) {

  public History {
    versions = List.copyOf(versions);
  }

  public boolean isDeleted(StoredVersion version) {
    return version.version() <= deletedThroughVersion;
  }
}
