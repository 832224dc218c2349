package io.tessera.streamcore.partition;

/** What a replica does with what it seals. */
public enum Role {
  /** Writes sealed rows and closed tiles, then a seal marker; keeps nothing sealed in memory. */
  OWNER,
  /**
   * Writes nothing; keeps sealed tiles in memory until the owner's marker says they are durable.
   */
  FOLLOWER
}
