package io.tessera.ingest.views;

/** A running consumer of one view version's stream source. */
public interface SourceConsumer extends AutoCloseable {

  /** False once it stopped on its own (a fatal error); the supervisor then starts a new one. */
  boolean isRunning();

  /**
   * Stops reading, commits what was published and gives up any shard leases; returns when done, so
   * that a successor can start from exactly where this one stopped.
   */
  @Override
  void close();
}
