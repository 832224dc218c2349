package io.tessera.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.PostgresServer;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view's batch source read for real: the same random rows (re-delivered ones and rows without an
 * entity among them) in a Parquet file and in a table of the local stack's PostgreSQL, backfilled
 * into two views that differ only in name and source, give the same sealed rows, raw events and
 * coarse tiles byte for byte, holding every valid row's event once; the refused rows are counted
 * and reported with their reason, in both.
 */
@RealStackTest
class SourceBackfillIT {
  private static final long DAY = 86_400_000L;
  private static final long FROM_MS = 1_780_000_000_000L / DAY * DAY;
  private static final long HAND_OVER_MS = FROM_MS + 2 * DAY;
  private static final int ROWS = 3_000;
  private static final int ENTITIES = 40;

  @TempDir Path tmp;
  private final PostgresServer postgres;

  SourceBackfillIT(LocalStack stack) {
    this.postgres = stack.postgres();
  }

  private record Row(String id, String user, double amount, long ts) {}

  @Test
  void aParquetFileAndAPostgresTableOfTheSameRowsBackfillTheSameHistory() throws Exception {
    Path batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    List<Row> rows = rows(new Random(5));
    Path parquet = batch.resolve("tx.parquet");
    writeParquet(rows, parquet);
    String table = UniqueNames.of("tx");
    writePostgres(rows, table);

    FeatureView fromParquet =
        view(
            UniqueNames.of("parquet_tx"),
            "{\"type\": \"files\", \"format\": \"parquet\", \"path\": \"" + parquet + "\"}");
    FeatureView fromPostgres =
        view(
            UniqueNames.of("postgres_tx"),
            "{\"type\": \"jdbc\", \"url\": \""
                + postgres.jdbcUrl()
                + "\", \"table\": \""
                + table
                + "\"}");
    InMemorySealedStore store = new InMemorySealedStore();
    BatchSourceAccess access = access(batch);
    BackfillProgress parquetProgress = backfill(fromParquet, access, store);
    BackfillProgress postgresProgress = backfill(fromPostgres, access, store);

    Map<String, Set<String>> idsByEntity = new HashMap<>();
    for (Row row : rows) {
      if (row.user() != null) {
        idsByEntity.computeIfAbsent(row.user(), u -> new HashSet<>()).add(row.id());
      }
    }
    Tiling tiling = new Tiling(ViewSpecs.of(fromParquet, fromParquet.name()).resolutions());
    for (Map.Entry<String, Set<String>> entity : idsByEntity.entrySet()) {
      String key = EntityKeys.encode(List.of(entity.getKey()));
      EntityRef parquetRef = new EntityRef(fromParquet.name(), key);
      EntityRef postgresRef = new EntityRef(fromPostgres.name(), key);
      List<Event> events =
          store.readEvents(parquetRef, FROM_MS, HAND_OVER_MS).toCompletableFuture().join();
      assertThat(events).extracting(Event::eventId).doesNotHaveDuplicates();
      assertThat(new HashSet<>(events.stream().map(Event::eventId).toList()))
          .as("every valid row of %s once", entity.getKey())
          .isEqualTo(entity.getValue());
      assertThat(store.readEvents(postgresRef, FROM_MS, HAND_OVER_MS).toCompletableFuture().join())
          .isEqualTo(events);
      for (int level = 0; level < tiling.levels(); level++) {
        long resolutionMs = tiling.resolutionMs(level);
        assertThat(
                store
                    .readTiles(postgresRef, resolutionMs, FROM_MS, HAND_OVER_MS)
                    .toCompletableFuture()
                    .join())
            .as("%s tiles of %d ms", entity.getKey(), resolutionMs)
            .isEqualTo(
                store
                    .readTiles(parquetRef, resolutionMs, FROM_MS, HAND_OVER_MS)
                    .toCompletableFuture()
                    .join())
            .isNotEmpty();
      }
    }
    long withoutEntity = rows.stream().filter(row -> row.user() == null).count();
    for (BackfillProgress progress : List.of(parquetProgress, postgresProgress)) {
      BackfillCounts done = progress.snapshot();
      assertThat(done.rowsRead()).isEqualTo(rows.size());
      assertThat(done.rowsRejected()).isEqualTo(withoutEntity).isPositive();
      assertThat(done.duplicates()).isPositive();
      assertThat(done.unitsDone()).isEqualTo(done.unitsTotal());
    }
  }

  private BackfillProgress backfill(
      FeatureView view, BatchSourceAccess access, InMemorySealedStore store) throws Exception {
    ViewAggregator aggregator = new ViewAggregator(ViewSpecs.of(view, view.name()));
    Lineage lineage =
        new Lineage(
            view.name(), view.name(), 1, aggregator, view.allowedLatenessMs(), HAND_OVER_MS);
    LineageBackfill writer =
        new LineageBackfill(
            lineage,
            "normalized",
            3,
            store,
            new LineageBackfill.Settings(tmp.resolve("units"), 2, OpenStateBudget.unbounded()));
    BackfillProgress progress = new BackfillProgress();
    List<RejectedRow> rejected = new ArrayList<>();
    new SourceBackfill(writer, access, RecordLimits.DEFAULT)
        .run(view, 1, FROM_MS, HAND_OVER_MS, progress, rejected::add, new Cancellation());
    assertThat(rejected)
        .extracting(RejectedRow::reason)
        .containsOnly("missing_entity")
        .hasSize((int) progress.snapshot().rowsRejected());
    return progress;
  }

  /** Rows over the two days; one in twenty re-delivered, one in fifty without a user. */
  private static List<Row> rows(Random random) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (!rows.isEmpty() && random.nextInt(20) == 0) {
        rows.add(rows.get(random.nextInt(rows.size())));
        continue;
      }
      String user = random.nextInt(50) == 0 ? null : "u" + random.nextInt(ENTITIES);
      long ts = FROM_MS + (long) (random.nextDouble() * (HAND_OVER_MS - FROM_MS));
      rows.add(new Row("tx-" + i, user, random.nextInt(100_000) / 100.0, ts));
    }
    return rows;
  }

  private static void writeParquet(List<Row> rows, Path file) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute("CREATE TABLE tx (id VARCHAR, user_id VARCHAR, amount DOUBLE, ts BIGINT)");
      try (PreparedStatement insert = duck.prepareStatement("INSERT INTO tx VALUES (?, ?, ?, ?)")) {
        insertAll(insert, rows);
      }
      statement.execute("COPY tx TO '" + file + "' (FORMAT parquet)");
    }
  }

  private void writePostgres(List<Row> rows, String table) throws Exception {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE " + table + " (id text, user_id text, amount double precision, ts bigint)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
        insertAll(insert, rows);
      }
    }
  }

  private static void insertAll(PreparedStatement insert, List<Row> rows) throws Exception {
    for (Row row : rows) {
      insert.setString(1, row.id());
      insert.setString(2, row.user());
      insert.setDouble(3, row.amount());
      insert.setLong(4, row.ts());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  private static FeatureView view(String name, String batchSource) {
    return DefinitionJson.readView(
            """
            {"name": "%s", "entity": ["user_id"],
             "source": {"type": "kafka", "topic": "tx"},
             "batchSource": %s,
             "schema": {"id": "string", "user_id": "string", "amount": "double", "ts": "long"},
             "eventTime": {"field": "ts", "format": "epoch_millis"},
             "eventId": "id",
             "features": [
               {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d"]},
               {"name": "events", "function": "count", "windows": ["lifetime"]},
               {"name": "last3", "function": "last_n", "params": {"n": 3}, "input": "amount",
                "windows": ["7d"]}],
             "allowedLateness": "1m"}
            """
                .formatted(name, batchSource))
        .orThrow();
  }

  private BatchSourceAccess access(Path batch) {
    String server = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1);
    return new BatchSourceAccess(
        ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
        new JdbcAllowList("jdbc-urls", List.of(Pattern.quote(postgres.jdbcUrl()))),
        new JdbcCredentials(
            List.of(new JdbcCredentials.Entry(server, postgres.user(), postgres.password()))),
        new DuckDbSandbox(128L * 1024 * 1024));
  }
}
