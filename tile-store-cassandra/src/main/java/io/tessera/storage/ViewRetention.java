package io.tessera.storage;

/**
 * How long the event log keeps a view's events (the row TTL). The aggregation-service answers from
 * the registry (the view's {@code retention}); tests and tools may keep everything.
 */
@FunctionalInterface
public interface ViewRetention {

  /** Keeps events forever (no TTL). */
  ViewRetention FOREVER = view -> 0;

  /** The retention of {@code view} in milliseconds; 0 keeps its events forever. */
  long retentionMs(String view);
}
