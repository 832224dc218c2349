package io.tessera.engine.sealed;

import java.util.concurrent.CompletionStage;

/**
 * Writes of sealed data that become durable together, for a writer that reads none of them back
 * before it is done (a backfill unit, whose coarse tiles roll up from rows it holds). A write's
 * stage completes once the batch has taken it; {@link #commit} completes when every write taken is
 * durable. This lets a store hand a batch over whole (SSTables imported into Cassandra) instead of
 * a request per row.
 *
 * <p>A batch closed without a commit (a failure, a cancel) may leave any part of its rows stored:
 * like every sealed write they are final bytes under their keys, and running the writer again
 * writes them all.
 */
public interface SealedBatch extends SealedWrites, AutoCloseable {

  /** Completes when every write this batch took is durable; no write may follow. */
  CompletionStage<Void> commit();

  /** Releases what the batch holds; what was not committed may or may not be stored. */
  @Override
  void close();
}
