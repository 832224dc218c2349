package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.engine.sealed.PartitionCheckpoint;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Partition checkpoints: one row per (topic, partition) with the next offset and the views'
 * progress ({@link CheckpointCodec}).
 *
 * <p>Fencing without a lightweight transaction: every write carries {@code USING TIMESTAMP
 * position_offset}. Cassandra keeps, per cell, the value with the highest write timestamp, whatever
 * order the writes arrive in, on every replica and after repair; so a zombie owner's late
 * checkpoint (a lower position) loses to the new owner's, and both cells of a row always come from
 * the same write. A compare-and-set would cost a Paxos round (four round trips) on every checkpoint
 * and still needs a rule for equal positions. Equal positions mean the same prefix of the log
 * processed, so (everything being a pure function of the log) the same checkpoint: either write may
 * win.
 *
 * <p>Consequences: write timestamps here are offsets, not microseconds, so nothing else may write
 * or delete these rows (a delete at the current time would shadow every future checkpoint), and
 * Cassandra's timestamp guardrails ({@code minimum_timestamp_*_threshold}, off by default) must
 * stay off for this table's keyspace. To reset a partition, drop the table.
 */
final class CheckpointTable {
  private final CqlSession session;
  private final WriteAdmission writes;
  private final ConsistencyLevel consistency;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  CheckpointTable(
      CqlSession session,
      WriteAdmission writes,
      SealedSchema schema,
      ConsistencyLevel consistency) {
    this.session = session;
    this.writes = writes;
    this.consistency = consistency;
    String table = schema.checkpoints();
    this.insert =
        session.prepare(
            "INSERT INTO "
                + table
                + " (topic, partition_id, next_offset, position_offset, views) VALUES (?, ?, ?, ?, ?)"
                + " USING TIMESTAMP ?");
    this.select =
        session.prepare(
            "SELECT next_offset, position_offset, views FROM "
                + table
                + " WHERE topic = ? AND partition_id = ?");
  }

  CompletableFuture<Void> write(PartitionCheckpoint checkpoint) {
    if (checkpoint.nextOffset() < 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("negative next offset " + checkpoint.nextOffset()));
    }
    return writes
        .execute(
            insert
                .bind(
                    checkpoint.topic(),
                    checkpoint.partition(),
                    checkpoint.nextOffset(),
                    checkpoint.positionOffset(),
                    ByteBuffer.wrap(CheckpointCodec.encode(checkpoint.views())),
                    checkpoint.positionOffset())
                .setIdempotent(true)
                .setConsistencyLevel(consistency))
        .toCompletableFuture()
        .thenApply(done -> null);
  }

  CompletionStage<Optional<PartitionCheckpoint>> read(String topic, int partition) {
    return session
        .executeAsync(select.bind(topic, partition).setConsistencyLevel(consistency))
        .thenApply(
            rows -> Optional.ofNullable(rows.one()).map(row -> checkpoint(topic, partition, row)));
  }

  private static PartitionCheckpoint checkpoint(String topic, int partition, Row row) {
    return new PartitionCheckpoint(
        topic,
        partition,
        row.getLong("next_offset"),
        row.getLong("position_offset"),
        CheckpointCodec.decode(BucketReads.bytes(row.getByteBuffer("views"))));
  }
}
