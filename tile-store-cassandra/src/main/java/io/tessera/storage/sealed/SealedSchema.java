package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables of the sealed layout, created with {@code IF NOT EXISTS} at start-up (idempotent, so
 * every instance of every service may run it). A table-name prefix lets tests isolate themselves in
 * a shared keyspace. The session must be bound to the keyspace.
 *
 * @param prefix prepended to every table name: letters, digits and underscores
 */
public record SealedSchema(String prefix) {

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");

  /** Schema agreement can take seconds on a loaded machine; DDL waits for it. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  public SealedSchema {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("table prefix must be [A-Za-z0-9_]*, was " + prefix);
    }
  }

  public static SealedSchema unprefixed() {
    return new SealedSchema("");
  }

  public String sealedMinutes() {
    return prefix + "sealed_minutes";
  }

  public String coarseTiles() {
    return prefix + "coarse_tiles";
  }

  public String tileManifests() {
    return prefix + "tile_manifests";
  }

  public String checkpoints() {
    return prefix + "partition_checkpoints";
  }

  /** Creates every table that does not exist yet, each statement with the default DDL timeout. */
  public void create(CqlSession session) {
    create(session, DDL_TIMEOUT);
  }

  /**
   * Creates every table that does not exist yet. Idempotent, so a caller that waits for a cold node
   * may run it again after a timeout.
   *
   * @param ddlTimeout the timeout of each statement
   */
  public void create(CqlSession session, Duration ddlTimeout) {
    for (String ddl : statements()) {
      session.execute(SimpleStatement.newInstance(ddl).setTimeout(ddlTimeout));
    }
  }

  /** Drops every table of this prefix: for tests that clean up after themselves. */
  public void drop(CqlSession session) {
    for (String table : List.of(sealedMinutes(), coarseTiles(), tileManifests(), checkpoints())) {
      session.execute(
          SimpleStatement.newInstance("DROP TABLE IF EXISTS " + table).setTimeout(DDL_TIMEOUT));
    }
  }

  List<String> statements() {
    return statements("");
  }

  /**
   * The {@code CREATE TABLE} of the table {@code insert} writes, named {@code keyspace.table}: what
   * a bulk writer describes the SSTables it writes for this schema with.
   */
  public String createTable(SealedInsert insert, String keyspace) {
    List<String> statements = statements(keyspace + ".");
    return switch (insert) {
      case MINUTE_TILE, MINUTE_EVENTS -> statements.get(0);
      case COARSE_TILE -> statements.get(1);
      case MANIFEST -> statements.get(2);
    };
  }

  /** The tables' statements, each table name preceded by {@code qualifier}. */
  private List<String> statements(String qualifier) {
    return List.of(
        // Sealed finest rows: partition (view, entity, hour of the tile start). Clustering leads
        // with the row kind, so the tile rows (kind 0) of a range are one contiguous slice that
        // never touches the event chunks (kind 1), and a minute's chunks follow in order. Written
        // once and expiring by retention: time-window compaction drops whole SSTables.
        """
        CREATE TABLE IF NOT EXISTS %s (
          view_name text, entity text, bucket bigint,
          kind tinyint, start_ms bigint, chunk int,
          resolution_ms bigint, newest_event_time bigint, tile blob,
          events blob,
          PRIMARY KEY ((view_name, entity, bucket), kind, start_ms, chunk))
        WITH compaction = {'class': 'TimeWindowCompactionStrategy',
          'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}
        """
            .formatted(qualifier + sealedMinutes()),
        // Closed coarse tiles: 1,024 of one resolution per partition, clustered by start.
        """
        CREATE TABLE IF NOT EXISTS %s (
          view_name text, entity text, resolution_ms bigint, bucket bigint, start_ms bigint,
          newest_event_time bigint, tile blob,
          PRIMARY KEY ((view_name, entity, resolution_ms, bucket), start_ms))
        """
            .formatted(qualifier + coarseTiles()),
        // Which entities have a tile sealed or closed, per lineage, normalized partition and tile:
        // partition (view, topic, partition, UTC day of the tile start), so a coarse close reads
        // one partition; a long list is cut into chunks (see ManifestTable). Written once with
        // the view's retention as TTL, like the sealed rows.
        """
        CREATE TABLE IF NOT EXISTS %s (
          view_name text, topic text, partition_id int, bucket bigint,
          resolution_ms bigint, start_ms bigint, chunk int,
          chunks int, entity_keys frozen<list<text>>,
          PRIMARY KEY ((view_name, topic, partition_id, bucket), resolution_ms, start_ms, chunk))
        WITH compaction = {'class': 'TimeWindowCompactionStrategy',
          'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}
        """
            .formatted(qualifier + tileManifests()),
        // One row per normalized partition, written with USING TIMESTAMP = position_offset, so
        // the furthest position wins (see CheckpointTable).
        """
        CREATE TABLE IF NOT EXISTS %s (
          topic text, partition_id int, next_offset bigint, position_offset bigint, views blob,
          PRIMARY KEY ((topic, partition_id)))
        """
            .formatted(qualifier + checkpoints()));
  }
}
