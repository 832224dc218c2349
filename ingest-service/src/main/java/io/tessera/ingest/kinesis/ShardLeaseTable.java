package io.tessera.ingest.kinesis;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tessera.service.cassandra.CassandraStartup;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one owner of the Kinesis lease and checkpoint tables. Rows are per (lineage, stream, shard),
 * not per view version (the {@code view_name} column holds the lineage's storage name, which is the
 * view's name for its first lineage), so a metadata-only version continues from the old one's
 * checkpoints and competes for the same leases, while a new lineage reads the stream from its
 * oldest record beside the old version. Every change of a lease or checkpoint is a lightweight
 * transaction conditioned on the current owner, so a worker that lost its lease (paused,
 * partitioned) can no longer move the checkpoint: it sees {@code false} and stops reading that
 * shard.
 */
final class ShardLeaseTable {

  private final CqlSession session;
  private final PreparedStatement select;
  private final PreparedStatement insert;
  private final PreparedStatement takeOver;
  private final PreparedStatement checkpoint;
  private final PreparedStatement renew;
  private final PreparedStatement finish;
  private final PreparedStatement release;
  private final PreparedStatement heartbeat;
  private final PreparedStatement workers;
  private final PreparedStatement leave;

  /**
   * Creates the tables if missing and prepares the statements: the first calls to Cassandra of an
   * ingest service, so they wait for a node that is still starting (see {@link CassandraStartup}).
   */
  ShardLeaseTable(CqlSession session, CassandraStartup startup) {
    this.session = session;
    startup.run("create the Kinesis lease tables", () -> createTables(startup.ddlTimeout()));
    select =
        prepare(
            startup,
            "SELECT shard_id, owner, lease_until, checkpoint, finished FROM ingest_kinesis_shards"
                + " WHERE view_name = ? AND stream = ?");
    insert =
        prepare(
            startup,
            "INSERT INTO ingest_kinesis_shards (view_name, stream, shard_id, owner, lease_until,"
                + " finished) VALUES (?, ?, ?, ?, ?, false) IF NOT EXISTS");
    takeOver =
        prepare(
            startup,
            "UPDATE ingest_kinesis_shards SET owner = ?, lease_until = ? WHERE view_name = ? AND"
                + " stream = ? AND shard_id = ? IF owner = ? AND lease_until = ?");
    checkpoint =
        prepare(
            startup,
            "UPDATE ingest_kinesis_shards SET checkpoint = ?, lease_until = ? WHERE view_name = ? AND"
                + " stream = ? AND shard_id = ? IF owner = ?");
    renew =
        prepare(
            startup,
            "UPDATE ingest_kinesis_shards SET lease_until = ? WHERE view_name = ? AND stream = ? AND"
                + " shard_id = ? IF owner = ?");
    finish =
        prepare(
            startup,
            "UPDATE ingest_kinesis_shards SET checkpoint = ?, finished = true, owner = null,"
                + " lease_until = null WHERE view_name = ? AND stream = ? AND shard_id = ? IF owner = ?");
    release =
        prepare(
            startup,
            "UPDATE ingest_kinesis_shards SET owner = null, lease_until = null WHERE view_name = ? AND"
                + " stream = ? AND shard_id = ? IF owner = ?");
    heartbeat =
        prepare(
            startup,
            "INSERT INTO ingest_kinesis_workers (view_name, stream, worker) VALUES (?, ?, ?) USING TTL"
                + " ?");
    leave =
        prepare(
            startup,
            "DELETE FROM ingest_kinesis_workers WHERE view_name = ? AND stream = ? AND worker = ?");
    workers =
        prepare(
            startup,
            "SELECT worker FROM ingest_kinesis_workers WHERE view_name = ? AND stream = ?");
  }

  private void createTables(Duration ddlTimeout) {
    session.execute(
        SimpleStatement.newInstance(
                "CREATE TABLE IF NOT EXISTS ingest_kinesis_shards (view_name text, stream text,"
                    + " shard_id text, owner text, lease_until timestamp, checkpoint text,"
                    + " finished boolean, PRIMARY KEY ((view_name, stream), shard_id))")
            .setTimeout(ddlTimeout));
    session.execute(
        SimpleStatement.newInstance(
                "CREATE TABLE IF NOT EXISTS ingest_kinesis_workers (view_name text, stream text,"
                    + " worker text, PRIMARY KEY ((view_name, stream), worker))")
            .setTimeout(ddlTimeout));
  }

  private PreparedStatement prepare(CassandraStartup startup, String cql) {
    return startup.await("prepare the Kinesis lease statements", () -> session.prepare(cql));
  }

  /** Says that {@code worker} no longer consumes the stream, so others take its share at once. */
  void leave(String view, String stream, String worker) {
    session.execute(leave.bind(view, stream, worker));
  }

  Map<String, ShardState> states(String view, String stream) {
    Map<String, ShardState> states = new HashMap<>();
    for (Row row : session.execute(serial(select.bind(view, stream)))) {
      states.put(
          row.getString("shard_id"),
          new ShardState(
              row.getString("shard_id"),
              Optional.ofNullable(row.getString("owner")),
              Optional.ofNullable(row.getInstant("lease_until")),
              Optional.ofNullable(row.getString("checkpoint")),
              row.getBoolean("finished")));
    }
    return states;
  }

  /** Takes the lease of a shard last seen as {@code seen} (null: never seen); true if taken. */
  boolean acquire(
      String view, String stream, String shard, ShardState seen, String worker, Instant until) {
    if (seen == null) {
      return applied(insert.bind(view, stream, shard, worker, until));
    }
    return applied(
        takeOver.bind(
            worker,
            until,
            view,
            stream,
            shard,
            seen.owner().orElse(null),
            seen.leaseUntil().orElse(null)));
  }

  /** Renews the lease; false if it is lost. */
  boolean renew(String view, String stream, String shard, String worker, Instant until) {
    return applied(renew.bind(until, view, stream, shard, worker));
  }

  /** Moves the checkpoint and renews the lease; false if the lease is lost. */
  boolean checkpoint(
      String view, String stream, String shard, String worker, String sequence, Instant until) {
    return applied(checkpoint.bind(sequence, until, view, stream, shard, worker));
  }

  /** Marks the shard read to its end and lets go of it; false if the lease was lost before. */
  boolean finish(String view, String stream, String shard, String worker, String sequence) {
    return applied(finish.bind(sequence, view, stream, shard, worker));
  }

  void release(String view, String stream, String shard, String worker) {
    applied(release.bind(view, stream, shard, worker));
  }

  /** Says that {@code worker} consumes the stream, for {@code ttl}. */
  void heartbeat(String view, String stream, String worker, Duration ttl) {
    session.execute(heartbeat.bind(view, stream, worker, (int) Math.max(1, ttl.toSeconds())));
  }

  /** The workers that said so within their heartbeat's time to live. */
  int workerCount(String view, String stream) {
    return session.execute(workers.bind(view, stream)).all().size();
  }

  private boolean applied(BoundStatement statement) {
    return session.execute(statement).wasApplied();
  }

  /** Reads at SERIAL so that they see the outcome of every completed lightweight transaction. */
  private static BoundStatement serial(BoundStatement statement) {
    return statement.setConsistencyLevel(ConsistencyLevel.SERIAL);
  }
}
