package io.tessera.storage.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.sealed.SealedBatch;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.FinestResolution;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk path stores what the CQL path stores: the same random history written once through the
 * CQL store and once through a bulk batch (SSTables imported into the stack's real node over JMX),
 * into two lineages, reads back identically through the port and is row for row the same in every
 * table (keys, blobs, TTL), a re-import of the same batch changes nothing, and a batch closed
 * without its commit imports nothing.
 */
@RealStackTest
class BulkParityIT {
  private static final ViewRetention SEVEN_DAYS = view -> 7 * SealedHistory.DAY_MS;
  private static final long[] RESOLUTIONS = {
    SealedHistory.MINUTE_MS, SealedHistory.HOUR_MS, SealedHistory.DAY_MS
  };

  private static CqlSession session;
  private static SealedSchema schema;
  private static SealedStore cql;
  private static SealedStore bulk;

  @BeforeAll
  static void createTables(@TempDir Path staging) {
    LocalStack stack = LocalStack.get();
    session = stack.cqlSession();
    schema = new SealedSchema(UniqueNames.of("bulk") + "_");
    schema.create(session);
    cql = new CassandraSealedStore(session, schema, FinestResolution.MINUTES, SEVEN_DAYS);
    bulk =
        new BulkSealedStore(
            cql,
            FinestResolution.MINUTES,
            SEVEN_DAYS,
            new BulkSettings(
                LocalStack.TEST_KEYSPACE, schema, staging, BulkSettings.DEFAULT_BUFFER_MIB),
            new JmxImport("127.0.0.1", stack.endpoints().cassandraJmxPort()));
  }

  @AfterAll
  static void dropTables() {
    schema.drop(session);
  }

  @Test
  void importedRowsAreTheRowsTheCqlStoreWrites() {
    String run = Long.toString(System.nanoTime(), 36);
    SealedHistory viaCql = SealedHistory.random(42, "via_cql_" + run, 60);
    SealedHistory viaBulk = SealedHistory.random(42, "via_bulk_" + run, 60);
    viaCql.writeTo(cql);
    writeInOneBatch(viaBulk);

    assertReadsAlike(viaCql, viaBulk);
    for (String table :
        List.of(schema.sealedMinutes(), schema.coarseTiles(), schema.tileManifests())) {
      assertThat(rows(table, viaBulk.storageName()))
          .as(table)
          .isNotEmpty()
          .isEqualTo(rows(table, viaCql.storageName()));
    }
    assertThat(ttls(viaBulk.storageName()))
        .allSatisfy(ttl -> assertThat(ttl).isBetween(6 * 86_400, 7 * 86_400));
  }

  @Test
  void importingAUnitAgainStoresTheSameValues() {
    String run = Long.toString(System.nanoTime(), 36);
    SealedHistory reference = SealedHistory.random(7, "reference_" + run, 20);
    SealedHistory twice = SealedHistory.random(7, "twice_" + run, 20);
    reference.writeTo(cql);
    writeInOneBatch(twice);
    writeInOneBatch(twice);

    assertReadsAlike(reference, twice);
    assertThat(rows(schema.sealedMinutes(), twice.storageName()))
        .isEqualTo(rows(schema.sealedMinutes(), reference.storageName()));
  }

  @Test
  void aBatchClosedWithoutItsCommitImportsNothing() {
    SealedHistory abandoned =
        SealedHistory.random(3, "abandoned_" + Long.toString(System.nanoTime(), 36), 5);
    try (SealedBatch batch = bulk.openBatch()) {
      abandoned.writeTo(batch);
    }

    assertThat(rows(schema.sealedMinutes(), abandoned.storageName())).isEmpty();
    assertThat(rows(schema.tileManifests(), abandoned.storageName())).isEmpty();
  }

  private static void writeInOneBatch(SealedHistory history) {
    try (SealedBatch batch = bulk.openBatch()) {
      history.writeTo(batch);
      batch.commit().toCompletableFuture().join();
    }
  }

  /** Every tile, event and manifest of {@code expected} reads back the same from {@code actual}. */
  private static void assertReadsAlike(SealedHistory expected, SealedHistory actual) {
    long toMs = SealedHistory.SPAN_MS;
    for (SealedStore reader : List.of(cql, bulk)) {
      for (EntityRef entity : expected.tiles().keySet()) {
        EntityRef same = new EntityRef(actual.storageName(), entity.entityKey());
        for (long resolutionMs : RESOLUTIONS) {
          assertThat(reader.readTiles(same, resolutionMs, 0, toMs).toCompletableFuture().join())
              .usingRecursiveFieldByFieldElementComparator()
              .isNotEmpty()
              .isEqualTo(
                  reader.readTiles(entity, resolutionMs, 0, toMs).toCompletableFuture().join());
        }
        assertThat(reader.readEvents(same, 0, toMs).toCompletableFuture().join())
            .isNotEmpty()
            .isEqualTo(reader.readEvents(entity, 0, toMs).toCompletableFuture().join());
      }
      for (int partition = 0; partition <= SealedHistory.PARTITIONS; partition++) {
        for (long resolutionMs : RESOLUTIONS) {
          assertThat(keys(reader, actual, partition, resolutionMs))
              .isEqualTo(keys(reader, expected, partition, resolutionMs));
        }
      }
    }
  }

  private static List<String> keys(
      SealedStore reader, SealedHistory history, int partition, long resolutionMs) {
    List<String> keys = new ArrayList<>();
    for (SealedManifest manifest :
        reader
            .readManifests(
                history.storageName(),
                SealedHistory.TOPIC,
                partition,
                resolutionMs,
                0,
                SealedHistory.SPAN_MS)
            .toCompletableFuture()
            .join()) {
      keys.add(manifest.tile() + "=" + manifest.entityKeys());
    }
    return keys;
  }

  /**
   * The stored cells of one lineage's rows of {@code table}, every column but the lineage's name as
   * hex, in key order: equal for two lineages when their rows hold the same bytes.
   */
  private static List<Map<String, String>> rows(String table, String storageName) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Row row : session.execute("SELECT * FROM " + table)) {
      if (!storageName.equals(row.getString("view_name"))) {
        continue;
      }
      Map<String, String> cells = new TreeMap<>();
      for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
        ColumnDefinition column = row.getColumnDefinitions().get(i);
        String name = column.getName().asInternal();
        if (!name.equals("view_name")) {
          ByteBuffer bytes = row.getBytesUnsafe(i);
          cells.put(name, bytes == null ? "null" : HexFormat.of().formatHex(bytesOf(bytes)));
        }
      }
      rows.add(cells);
    }
    rows.sort((a, b) -> a.toString().compareTo(b.toString()));
    return rows;
  }

  /** The remaining TTL of every sealed row and manifest of a lineage, in seconds. */
  private static List<Integer> ttls(String storageName) {
    List<Integer> ttls = new ArrayList<>();
    for (Row row :
        session.execute(
            "SELECT view_name, TTL(tile) AS t, TTL(events) AS e FROM " + schema.sealedMinutes())) {
      if (storageName.equals(row.getString("view_name"))) {
        ttls.add(row.isNull("t") ? row.getInt("e") : row.getInt("t"));
      }
    }
    for (Row row :
        session.execute("SELECT view_name, TTL(chunks) AS t FROM " + schema.tileManifests())) {
      if (storageName.equals(row.getString("view_name"))) {
        ttls.add(row.getInt("t"));
      }
    }
    return ttls;
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
