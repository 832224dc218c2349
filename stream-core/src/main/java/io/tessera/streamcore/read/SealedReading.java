package io.tessera.streamcore.read;

/** How a read of sealed parts goes to its store. */
public enum SealedReading {
  /**
   * Every planned read at once: for a store that answers from memory (a preloaded span), where
   * round trips cost nothing and a widened read could reach outside what it holds.
   */
  AT_ONCE,

  /**
   * Coarse tiles first, then finer reads only where they show something ({@link SealedReadRounds}):
   * for the store itself, where a read for nothing is a query.
   */
  COARSE_TO_FINE
}
