package io.tessera.storage.sealed;

/**
 * How long a view's sealed rows and manifests are kept (their TTL). The aggregation owner answers
 * from the registry (the view's {@code retention}); readers, tests and tools keep everything.
 */
@FunctionalInterface
public interface ViewRetention {

  /** Keeps events forever (no TTL). */
  ViewRetention FOREVER = view -> 0;

  /** The retention of {@code view} in milliseconds; 0 keeps its events forever. */
  long retentionMs(String view);
}
