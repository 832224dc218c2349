package io.tessera.registry.definition;

import io.tessera.registry.store.StoredVersion;

/**
 * What happens after a new version is stored and on the topic, such as starting its backfill. Runs
 * on the registering request's thread; it must not throw for the registration's sake, which is done
 * by then.
 */
@FunctionalInterface
public interface VersionListener {

  /** For kinds where nothing follows a version (feature services). */
  VersionListener NONE = version -> {};

  void published(StoredVersion version);
}
