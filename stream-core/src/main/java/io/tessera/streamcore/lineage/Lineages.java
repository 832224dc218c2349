package io.tessera.streamcore.lineage;

import java.util.Optional;

/**
 * Finds the lineage of a view version: the one port between the streaming core and the registry.
 */
@FunctionalInterface
public interface Lineages {

  /** The lineage that tiles the records of {@code version} of {@code view}; empty if unknown. */
  Optional<Lineage> of(String view, int version);
}
