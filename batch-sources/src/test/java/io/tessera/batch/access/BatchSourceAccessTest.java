package io.tessera.batch.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.batch.access.AccessRefusedException.Reason;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.FileFormat;
import io.tessera.definitions.view.JdbcBatchSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox around batch sources' embedded DuckDB and their JDBC URLs, against real files. */
class BatchSourceAccessTest {

  @TempDir Path tmp;
  private Path batch;
  private Path outside;
  private BatchSourceAccess access;

  @BeforeEach
  void setUp() throws Exception {
    batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    Files.writeString(batch.resolve("history.csv"), "user_id,amount\nu1,2.5\n");
    Files.writeString(outside.resolve("secret.csv"), "user_id,amount\nsecret,1\n");
    access =
        new BatchSourceAccess(
            ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
            new JdbcAllowList(
                "tessera.test.jdbc-urls",
                List.of("jdbc:duckdb:", "jdbc:postgresql://warehouse:5432/.*")),
            JdbcCredentials.none(),
            new DuckDbSandbox(64L * 1024 * 1024));
  }

  @Test
  void aDuckDbBatchSourceQueryCannotReadEtcPasswd() {
    JdbcBatchSource source =
        new JdbcBatchSource(
            "jdbc:duckdb:",
            Optional.empty(),
            Optional.of("SELECT * FROM read_csv('/etc/passwd', sep = ':')"));

    assertThatThrownBy(() -> rows(access.openJdbc("v", source), source.query().get()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Permission Error");
  }

  @Test
  void aDuckDbBatchSourceQueryReadsTheBatchDirectoriesOnly() throws Exception {
    String inside = "SELECT count(*) FROM read_csv('" + batch.resolve("history.csv") + "')";
    String other = "SELECT count(*) FROM read_csv('" + outside.resolve("secret.csv") + "')";
    JdbcBatchSource source =
        new JdbcBatchSource("jdbc:duckdb:", Optional.empty(), Optional.of(inside));

    assertThat(rows(access.openJdbc("v", source), inside)).isEqualTo(1);
    assertThatThrownBy(() -> rows(access.openJdbc("v", source), other))
        .hasMessageContaining("Permission Error");
  }

  @Test
  void sqlCannotLiftTheSandboxOrLoadExtensions() throws Exception {
    JdbcBatchSource source =
        new JdbcBatchSource("jdbc:duckdb:", Optional.of("t"), Optional.empty());
    for (String escape :
        List.of(
            "SET enable_external_access = true",
            "SET allowed_directories = ['/']",
            "RESET lock_configuration",
            "SET memory_limit = '100GB'",
            "INSTALL httpfs",
            "LOAD httpfs",
            "ATTACH '/tmp/elsewhere.duckdb'",
            "COPY (SELECT 1) TO '" + outside.resolve("written.csv") + "'")) {
      try (Connection connection = access.openJdbc("v", source);
          Statement statement = connection.createStatement()) {
        assertThatThrownBy(() -> statement.execute(escape))
            .as(escape)
            .isInstanceOf(SQLException.class);
      }
    }
    assertThat(outside.resolve("written.csv")).doesNotExist();
  }

  @Test
  void aDuckDbUrlCannotGiveOptionsThatWouldOverrideTheSandbox() {
    BatchSourceAccess anyDuckDb =
        new BatchSourceAccess(
            ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
            new JdbcAllowList("tessera.test.jdbc-urls", List.of("jdbc:duckdb:.*")),
            JdbcCredentials.none(),
            new DuckDbSandbox(64L * 1024 * 1024));
    JdbcBatchSource source =
        new JdbcBatchSource(
            "jdbc:duckdb:;enable_external_access=true",
            Optional.empty(),
            Optional.of("SELECT * FROM read_csv('/etc/passwd', sep = ':')"));

    assertRefused(() -> anyDuckDb.openJdbc("v", source), Reason.INVALID);
    assertThatThrownBy(
            () ->
                new DuckDbSandbox(64L * 1024 * 1024)
                    .open(source.url(), List.of(), List.of(), DuckDbSandbox.Results.STREAMED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDuckDbDatabaseFileOutsideTheBatchDirectoriesIsRefusedBeforeItIsCreated() {
    Path database = outside.resolve("created.duckdb");
    JdbcBatchSource source =
        new JdbcBatchSource("jdbc:duckdb:" + database, Optional.of("t"), Optional.empty());

    assertRefused(() -> access.check("v", source), Reason.FORBIDDEN);
    assertThat(database).doesNotExist();
  }

  @Test
  void jdbcUrlsMustBeOnTheAllowList() {
    JdbcBatchSource allowed =
        new JdbcBatchSource(
            "jdbc:postgresql://warehouse:5432/web", Optional.of("t"), Optional.empty());
    JdbcBatchSource elsewhere =
        new JdbcBatchSource("jdbc:postgresql://evil:5432/web", Optional.of("t"), Optional.empty());

    access.check("v", allowed);
    assertThatThrownBy(() -> access.check("v", elsewhere))
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN);
              assertThat(e.getMessage())
                  .contains("tessera.test.jdbc-urls")
                  .doesNotContain("evil"); // URLs may hold secrets
            });
  }

  @Test
  void aUrlCarryingCredentialsIsRefusedEvenWhenAllowed() {
    for (String url :
        List.of(
            "jdbc:postgresql://warehouse:5432/web?user=admin&password=hunter2",
            "jdbc:postgresql://warehouse:5432/web?ssl=true&PASSWORD=hunter2",
            "jdbc:postgresql://admin:hunter2@warehouse:5432/web")) {
      JdbcBatchSource source = new JdbcBatchSource(url, Optional.of("t"), Optional.empty());

      assertThatThrownBy(() -> access.check("v", source))
          .as(url)
          .isInstanceOfSatisfying(
              AccessRefusedException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.INVALID);
                assertThat(e.getMessage()).doesNotContain("hunter2");
              });
    }
  }

  @Test
  void theDatabasesThatReadSourcesStreamTheirResults() throws Exception {
    JdbcBatchSource duck = new JdbcBatchSource("jdbc:duckdb:", Optional.of("t"), Optional.empty());
    Connection files =
        access.openFiles("v", new FileBatchSource(FileFormat.CSV, batch + "/*.csv")).connection();
    for (Connection connection : List.of(access.openJdbc("v", duck), files)) {
      try (connection;
          Statement statement = connection.createStatement();
          // materialized, a trillion rows would not fit the 64 MiB limit; streamed, a chunk does
          ResultSet rs = statement.executeQuery("SELECT range FROM range(1000000000000)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void fileBatchSourcesAreReadOnlyUnderTheBatchDirectories() throws Exception {
    BatchSourceAccess.BatchFiles files =
        access.openFiles("v", new FileBatchSource(FileFormat.CSV, batch + "/*.csv"));
    files.connection().close();
    assertThat(files.files()).containsExactly(batch.resolve("history.csv"));

    assertRefused(
        () -> access.check("v", new FileBatchSource(FileFormat.CSV, "/etc/passwd")),
        Reason.FORBIDDEN);
  }

  @Test
  void aGlobMatchingALinkThatLeadsOutIsRefused() throws Exception {
    Files.createSymbolicLink(batch.resolve("leak.csv"), outside.resolve("secret.csv"));

    assertRefused(
        () -> access.openFiles("v", new FileBatchSource(FileFormat.CSV, batch + "/*.csv")),
        Reason.FORBIDDEN);
  }

  private static void assertRefused(ThrowingRunnable call, Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static long rows(Connection connection, String sql) throws SQLException {
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }
}
