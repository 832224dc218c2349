package io.tessera.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables of the layout, created with {@code IF NOT EXISTS} at start-up (idempotent, so every
 * instance of every service may run it). A table-name prefix lets tests isolate themselves in a
 * shared keyspace. The session must be bound to the keyspace. See {@code docs/storage.md}.
 *
 * @param prefix prepended to every table name: letters, digits and underscores
 */
public record StorageSchema(String prefix) {

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");

  /** Schema agreement can take seconds on a loaded machine; DDL waits for it. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

  public StorageSchema {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("table prefix must be [A-Za-z0-9_]*, was " + prefix);
    }
  }

  public static StorageSchema unprefixed() {
    return new StorageSchema("");
  }

  public String eventLog() {
    return prefix + "event_log";
  }

  public String entityHead() {
    return prefix + "entity_head";
  }

  public String tiles() {
    return prefix + "tiles";
  }

  public String activeEntities() {
    return prefix + "active_entities";
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
      session.execute(
          com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(ddl)
              .setTimeout(ddlTimeout));
    }
  }

  /** Drops every table of this prefix: for tests that clean up after themselves. */
  public void drop(CqlSession session) {
    for (String table : List.of(eventLog(), entityHead(), tiles(), activeEntities())) {
      session.execute(
          com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                  "DROP TABLE IF EXISTS " + table)
              .setTimeout(DDL_TIMEOUT));
    }
  }

  List<String> statements() {
    return List.of(
        // Partition (view_name, entity, hour bucket), clustered by the canonical event order. Rows
        // expire with the view's retention (a TTL per write); time-window compaction drops whole
        // expired SSTables instead of merging them.
        """
        CREATE TABLE IF NOT EXISTS %s (
          view_name text, entity text, bucket bigint,
          event_time bigint, event_id text,
          event_offset bigint, event_entity text, event_values blob,
          PRIMARY KEY ((view_name, entity, bucket), event_time, event_id))
        WITH compaction = {'class': 'TimeWindowCompactionStrategy',
          'compaction_window_unit': 'HOURS', 'compaction_window_size': 6}
        """
            .formatted(eventLog()),
        // One partition per entity: pending rows (clustered by offset, so deleting the absorbed
        // ones is one range tombstone) and, as static cells, the metadata and the lists of
        // written event-log and tile partitions. readHead is one query.
        """
        CREATE TABLE IF NOT EXISTS %s (
          view_name text, entity text, pending_offset bigint,
          event_time bigint, event_id text, event_entity text, event_values blob,
          meta blob static,
          log_buckets set<bigint> static,
          tile_buckets set<frozen<tuple<bigint, bigint>>> static,
          backfill_generation int static,
          PRIMARY KEY ((view_name, entity), pending_offset))
        """
            .formatted(entityHead()),
        // Tiles of one resolution of one entity, 1,024 per partition, clustered by start.
        """
        CREATE TABLE IF NOT EXISTS %s (
          view_name text, entity text, resolution bigint, bucket bigint, tile_start bigint,
          covered_offset bigint, newest_event_time bigint, payload blob,
          PRIMARY KEY ((view_name, entity, resolution, bucket), tile_start))
        """
            .formatted(tiles()),
        // The aggregation-service's compaction schedule: entities of a normalized-topic
        // partition with tiles not yet sealed, so a new owner resumes building and sealing them.
        """
        CREATE TABLE IF NOT EXISTS %s (
          source text, source_partition int, view_name text, entity text, since_ms bigint,
          PRIMARY KEY ((source, source_partition), view_name, entity))
        """
            .formatted(activeEntities()));
  }
}
