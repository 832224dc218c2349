package io.tessera.registry.definition;

import io.tessera.registry.store.StoredVersion;

/**
 * The outcome of a write: the version the body is now, and whether this write created it.
 *
 * @param version the stored version (new, or the existing equal one)
 * @param plan how it compares with the version before
 */
public record Registration(StoredVersion version, VersionPlan plan) {

  public boolean created() {
    return plan.createsVersion();
  }
}
