package io.tessera.ingest.kinesis;

import java.time.Instant;
import java.util.Optional;

/**
 * One shard's row in the lease table, as last read.
 *
 * @param shardId the shard
 * @param owner the worker holding the lease, if any
 * @param leaseUntil when the lease expires unless renewed
 * @param checkpoint the last sequence number whose record is durably published
 * @param finished whether the shard was read to its end (SHARD_END): its children may start
 */
record ShardState(
    String shardId,
    Optional<String> owner,
    Optional<Instant> leaseUntil,
    Optional<String> checkpoint,
    boolean finished) {

  /** Whether another worker may take the shard: nobody holds it, or the lease ran out. */
  boolean isFree(Instant now) {
    return owner.isEmpty() || leaseUntil.map(until -> until.isBefore(now)).orElse(true);
  }
}
