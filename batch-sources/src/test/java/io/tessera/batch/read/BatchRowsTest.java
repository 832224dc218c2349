package io.tessera.batch.read;

import static io.tessera.batch.read.Reads.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.FileFormat;
import io.tessera.definitions.view.JdbcBatchSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch sources read as payload rows, from real files, and streamed. */
class BatchRowsTest {

  /** The CSV and JSON readers need about 32 MiB of buffers per thread. */
  private static final long DUCKDB_MEMORY_BYTES = 128L * 1024 * 1024;

  @TempDir Path tmp;
  private Path batch;
  private BatchSourceAccess access;

  @BeforeEach
  void setUp() throws Exception {
    batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    access =
        new BatchSourceAccess(
            ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
            new JdbcAllowList("jdbc-urls", List.of("jdbc:duckdb:")),
            JdbcCredentials.none(),
            new DuckDbSandbox(DUCKDB_MEMORY_BYTES));
  }

  @Test
  void readsParquetWithItsTypesAndTimestampsAsUtcText() throws Exception {
    writeWithDuckDb(
        "COPY (SELECT * FROM (VALUES"
            + " (1::BIGINT, 2.5::DOUBLE, 'a', true, TIMESTAMP '2024-01-02 03:04:05.123'),"
            + " (2::BIGINT, NULL::DOUBLE, NULL, false, NULL::TIMESTAMP))"
            + " t(id, amount, name, flag, ts)) TO '"
            + batch.resolve("tx.parquet")
            + "' (FORMAT parquet)");

    assertThat(read(new FileBatchSource(FileFormat.PARQUET, batch + "/tx.parquet")))
        .containsExactly(
            row(
                "id",
                1L,
                "amount",
                2.5,
                "name",
                "a",
                "flag",
                true,
                "ts",
                "2024-01-02T03:04:05.123Z"),
            row("id", 2L, "amount", null, "name", null, "flag", false, "ts", null));
  }

  @Test
  void readsCsvColumnsAsTextForTheSchemaToCoerce() throws Exception {
    Files.writeString(
        batch.resolve("tx.csv"),
        "id,amount,name,flag,ts\n1,2.5,a,true,2024-01-02T03:04:05Z\n2,,b,false,\n");

    assertThat(read(new FileBatchSource(FileFormat.CSV, "tx.csv")))
        .containsExactly(
            row(
                "id",
                "1",
                "amount",
                "2.5",
                "name",
                "a",
                "flag",
                "true",
                "ts",
                "2024-01-02T03:04:05Z"),
            row("id", "2", "amount", null, "name", "b", "flag", "false", "ts", null));
  }

  @Test
  void readsJsonLinesWithTheirTypesAndTimestampsAsUtcText() throws Exception {
    Files.writeString(
        batch.resolve("tx.jsonl"),
        """
        {"id": 1, "amount": 2.5, "name": "a", "flag": true, "ts": "2024-01-02T03:04:05Z"}
        {"id": 2, "amount": null, "name": null, "flag": false, "ts": "2024-01-02T03:04:06Z"}
        """);

    assertThat(read(new FileBatchSource(FileFormat.JSONL, batch + "/tx.jsonl")))
        .containsExactly(
            row("id", 1L, "amount", 2.5, "name", "a", "flag", true, "ts", "2024-01-02T03:04:05Z"),
            row(
                "id",
                2L,
                "amount",
                null,
                "name",
                null,
                "flag",
                false,
                "ts",
                "2024-01-02T03:04:06Z"));
  }

  @Test
  void readsEveryFileAGlobMatchesWithItsHivePartitionsAsColumns() throws Exception {
    for (String day : List.of("2024-01-01", "2024-01-02")) {
      Path dir = Files.createDirectories(batch.resolve("date=" + day));
      Files.writeString(dir.resolve("part.csv"), "day\n" + day + "\n");
    }

    assertThat(read(new FileBatchSource(FileFormat.CSV, batch + "/date=*/*.csv")))
        .containsExactlyInAnyOrder(
            row("day", "2024-01-01", "date", "2024-01-01"),
            row("day", "2024-01-02", "date", "2024-01-02"));
  }

  @Test
  void readsEveryRowOfAParquetFileOfManyChunksOnce() throws Exception {
    long rows = 1_000_000; // DuckDB hands over 2,048 rows at a time
    writeWithDuckDb(
        "COPY (SELECT range AS n, 'customer_' || range AS name FROM range("
            + rows
            + ")) TO '"
            + batch.resolve("big.parquet")
            + "' (FORMAT parquet)");
    AtomicLong seen = new AtomicLong();
    AtomicLong sum = new AtomicLong();

    long read =
        BatchRows.read(
            "v",
            new FileBatchSource(FileFormat.PARQUET, "big.parquet"),
            access,
            row -> {
              seen.incrementAndGet();
              sum.addAndGet((Long) row.get("n"));
            });

    assertThat(read).isEqualTo(rows);
    assertThat(seen.get()).isEqualTo(rows);
    assertThat(sum.get()).isEqualTo(rows * (rows - 1) / 2);
  }

  @Test
  void aSinkThatThrowsStopsTheReadAtOnceEvenOfAnEndlessSource() {
    // a trillion rows: materialized first, the read would never reach the sink
    JdbcBatchSource endless =
        new JdbcBatchSource(
            "jdbc:duckdb:",
            Optional.empty(),
            Optional.of("SELECT range AS n FROM range(1000000000000)"));

    Reads.assertStopsWhenTheSinkThrows(endless, access, 1_000);
  }

  private List<Map<String, Object>> read(BatchSource source) throws SQLException {
    return Reads.all(source, access);
  }

  /** Writes a fixture with an unconfined DuckDB (the test's, not the reader's). */
  private static void writeWithDuckDb(String sql) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(sql);
    }
  }
}
