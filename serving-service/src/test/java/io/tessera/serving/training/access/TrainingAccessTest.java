package io.tessera.serving.training.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.springframework.http.HttpStatus;

/** The sandbox around training's embedded DuckDB and batch sources, against real files. */
class TrainingAccessTest {

  @TempDir Path tmp;
  private Path batch;
  private Path outside;
  private TrainingAccess access;

  @BeforeEach
  void setUp() throws Exception {
    batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    Files.writeString(batch.resolve("history.csv"), "user_id,amount\nu1,2.5\n");
    Files.writeString(outside.resolve("secret.csv"), "user_id,amount\nsecret,1\n");
    access =
        new TrainingAccess(
            ConfinedDirectories.of("spine", "spines", List.of(tmp.resolve("spines"))),
            ConfinedDirectories.of("output", "outputs", List.of(tmp.resolve("outputs"))),
            ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
            new JdbcAllowList(List.of("jdbc:duckdb:", "jdbc:postgresql://warehouse:5432/.*")),
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
  void aDuckDbDatabaseFileOutsideTheBatchDirectoriesIsRefusedBeforeItIsCreated() {
    Path database = outside.resolve("created.duckdb");
    JdbcBatchSource source =
        new JdbcBatchSource("jdbc:duckdb:" + database, Optional.of("t"), Optional.empty());

    assertThatThrownBy(() -> access.checkBatchSource("v", source))
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    assertThat(database).doesNotExist();
  }

  @Test
  void jdbcUrlsMustBeOnTheAllowList() {
    JdbcBatchSource allowed =
        new JdbcBatchSource(
            "jdbc:postgresql://warehouse:5432/web", Optional.of("t"), Optional.empty());
    JdbcBatchSource elsewhere =
        new JdbcBatchSource("jdbc:postgresql://evil:5432/web", Optional.of("t"), Optional.empty());

    access.checkBatchSource("v", allowed);
    assertThatThrownBy(() -> access.checkBatchSource("v", elsewhere))
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
              assertThat(e.getBody().getDetail()).doesNotContain("evil"); // URLs may hold secrets
            });
  }

  @Test
  void fileBatchSourcesAreReadOnlyUnderTheBatchDirectories() throws Exception {
    TrainingAccess.BatchFiles files =
        access.openBatchFiles("v", new FileBatchSource(FileFormat.CSV, batch + "/*.csv"));
    files.connection().close();
    assertThat(files.files()).containsExactly(batch.resolve("history.csv"));

    assertThatThrownBy(
            () -> access.checkBatchSource("v", new FileBatchSource(FileFormat.CSV, "/etc/passwd")))
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
  }

  @Test
  void aGlobMatchingALinkThatLeadsOutIsRefused() throws Exception {
    Files.createSymbolicLink(batch.resolve("leak.csv"), outside.resolve("secret.csv"));

    assertThatThrownBy(
            () -> access.openBatchFiles("v", new FileBatchSource(FileFormat.CSV, batch + "/*.csv")))
        .isInstanceOfSatisfying(
            AccessRefusedException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
  }

  @Test
  void aJobDatabaseTouchesOnlyItsSpineAndItsOutput() throws Exception {
    Path spine = Files.writeString(tmp.resolve("spines/spine.csv"), "user_id\nu1\n");
    Path output = tmp.resolve("outputs/.out.csv.partial");
    try (Connection duck = access.openJobDatabase(spine.toRealPath(), output)) {
      execute(duck, "CREATE TABLE spine AS SELECT * FROM read_csv('" + spine.toRealPath() + "')");
      execute(duck, "COPY spine TO '" + output + "' (FORMAT csv)");
      assertThatThrownBy(() -> execute(duck, "SELECT * FROM read_csv('/etc/passwd')"))
          .hasMessageContaining("Permission Error");
      assertThatThrownBy(
              () -> execute(duck, "COPY spine TO '" + tmp.resolve("outputs/other.csv") + "'"))
          .hasMessageContaining("Permission Error");
    }
    assertThat(output).exists();
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
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
