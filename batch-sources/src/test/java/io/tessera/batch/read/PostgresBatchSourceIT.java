package io.tessera.batch.read;

import static io.tessera.batch.read.Reads.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.batch.access.AccessRefusedException;
import io.tessera.batch.access.AccessRefusedException.Reason;
import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.FileFormat;
import io.tessera.definitions.view.JdbcBatchSource;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.PostgresServer;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDBC batch source on the local stack's real PostgreSQL, reached with credentials from the
 * host's configuration: its rows are the rows of the same data as a Parquet file.
 */
@RealStackTest
class PostgresBatchSourceIT {

  /** The same rows in both stores: whole and floating numbers, text, flags, both kinds of time. */
  private static final String ROWS =
      "(1, 7, 2.5, 'a', true, TIMESTAMP '2024-01-02 03:04:05.123',"
          + " TIMESTAMPTZ '2024-01-02 05:04:05+02'),"
          + " (2, NULL, NULL, NULL, false, NULL, NULL),"
          + " (3, -1, 1e-3, 'it''s', NULL, TIMESTAMP '1999-12-31 23:59:59',"
          + " TIMESTAMPTZ '2000-01-01 00:00:00+00')";

  private static final String COLUMNS = "(id, count, amount, name, flag, ts, tstz)";

  @TempDir Path tmp;
  private final PostgresServer postgres;
  private Path batch;
  private String table;
  private BatchSourceAccess access;

  PostgresBatchSourceIT(LocalStack stack) {
    this.postgres = stack.postgres();
  }

  @BeforeEach
  void setUp() throws Exception {
    batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    table = UniqueNames.of("tx");
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE "
              + table
              + " (id bigint, count integer, amount double precision, name text, flag boolean,"
              + " ts timestamp, tstz timestamptz)");
      statement.execute("INSERT INTO " + table + " " + COLUMNS + " VALUES " + ROWS);
    }
    access = access(configured(postgres.password()));
  }

  @Test
  void readsATableAsTheSameRowsAsTheSameDataInParquet() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      statement.execute(
          "COPY (SELECT id::BIGINT AS id, count::INTEGER AS count, amount::DOUBLE AS amount,"
              + " name::VARCHAR AS name, flag::BOOLEAN AS flag, ts::TIMESTAMP AS ts,"
              + " tstz::TIMESTAMPTZ AS tstz FROM (VALUES "
              + ROWS
              + ") t"
              + COLUMNS
              + ") TO '"
              + batch.resolve("tx.parquet")
              + "' (FORMAT parquet)");
    }

    List<Map<String, Object>> fromPostgres = read(table(table));
    List<Map<String, Object>> fromParquet =
        read(new FileBatchSource(FileFormat.PARQUET, "tx.parquet"));

    assertThat(fromPostgres).containsExactlyElementsOf(fromParquet).hasSize(3);
    assertThat(fromPostgres.get(0))
        .isEqualTo(
            row(
                "id",
                1L,
                "count",
                7L,
                "amount",
                2.5,
                "name",
                "a",
                "flag",
                true,
                "ts",
                "2024-01-02T03:04:05.123Z",
                "tstz",
                "2024-01-02T03:04:05Z"));
    assertThat(fromPostgres.get(1))
        .isEqualTo(
            row(
                "id", 2L, "count", null, "amount", null, "name", null, "flag", false, "ts", null,
                "tstz", null));
  }

  @Test
  void readsAQuerysColumns() throws Exception {
    JdbcBatchSource query =
        new JdbcBatchSource(
            postgres.jdbcUrl(),
            Optional.empty(),
            Optional.of("SELECT id, name AS who FROM " + table + " WHERE id > 1 ORDER BY id"));

    assertThat(read(query))
        .containsExactly(row("id", 2L, "who", null), row("id", 3L, "who", "it's"));
  }

  @Test
  void connectsOnlyWithTheConfiguredCredentials() {
    assertThatThrownBy(() -> Reads.all(table(table), access(JdbcCredentials.none())))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> Reads.all(table(table), access(configured("not the password"))))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void aUrlOffTheAllowListOrCarryingCredentialsIsRefusedBeforeConnecting() {
    JdbcBatchSource otherDatabase =
        new JdbcBatchSource(
            postgres.jdbcUrl().replace("/tessera", "/postgres"),
            Optional.of("t"),
            Optional.empty());
    JdbcBatchSource withPassword =
        new JdbcBatchSource(
            postgres.jdbcUrl() + "?user=" + postgres.user() + "&password=" + postgres.password(),
            Optional.of(table),
            Optional.empty());

    assertThatThrownBy(() -> read(otherDatabase))
        .isInstanceOfSatisfying(
            AccessRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
    assertThatThrownBy(() -> read(withPassword))
        .isInstanceOfSatisfying(
            AccessRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
  }

  @Test
  void aSourceQueryCannotWrite() {
    JdbcBatchSource delete =
        new JdbcBatchSource(
            postgres.jdbcUrl(),
            Optional.empty(),
            Optional.of("DELETE FROM " + table + " RETURNING *"));

    assertThatThrownBy(() -> read(delete))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("read-only transaction");
  }

  @Test
  void streamsAResultFarLargerThanMemoryAndStopsWhenTheSinkThrows() {
    // a billion rows: fetched whole, as the driver does with auto-commit on, they would not fit.
    // (In the select list the server streams them too; in FROM it would materialize them first.)
    JdbcBatchSource billion =
        new JdbcBatchSource(
            postgres.jdbcUrl(),
            Optional.empty(),
            Optional.of("SELECT generate_series(1, 1000000000) AS n"));

    Reads.assertStopsWhenTheSinkThrows(billion, access, 5 * BatchRows.FETCH_ROWS);
  }

  private JdbcBatchSource table(String name) {
    return new JdbcBatchSource(postgres.jdbcUrl(), Optional.of(name), Optional.empty());
  }

  /** Credentials as a service's configuration gives them: for every database of the server. */
  private JdbcCredentials configured(String password) {
    String server = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1);
    return new JdbcCredentials(
        List.of(new JdbcCredentials.Entry(server, postgres.user(), password)));
  }

  private BatchSourceAccess access(JdbcCredentials credentials) {
    return new BatchSourceAccess(
        ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
        new JdbcAllowList("jdbc-urls", List.of(Pattern.quote(postgres.jdbcUrl()))),
        credentials,
        new DuckDbSandbox(128L * 1024 * 1024));
  }

  private List<Map<String, Object>> read(BatchSource source) throws SQLException {
    return Reads.all(source, access);
  }
}
