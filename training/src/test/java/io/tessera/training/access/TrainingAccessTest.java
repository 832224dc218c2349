package io.tessera.training.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.batch.access.AccessRefusedException;
import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.FileFormat;
import io.tessera.definitions.view.JdbcBatchSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a training job may touch of its own (its database, spine and output), and that a batch
 * source it may not read is refused before the job is accepted; the batch-source side is {@code
 * BatchSourceAccessTest}'s, how refusals reach a client {@code AccessRefusedProblemsTest}'s.
 */
class TrainingAccessTest {

  @TempDir Path tmp;
  private TrainingAccess access;

  @BeforeEach
  void setUp() throws Exception {
    Path batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    DuckDbSandbox duck = new DuckDbSandbox(64L * 1024 * 1024);
    access =
        new TrainingAccess(
            ConfinedDirectories.of("spine", "spines", List.of(tmp.resolve("spines"))),
            ConfinedDirectories.of("output", "outputs", List.of(tmp.resolve("outputs"))),
            new BatchSourceAccess(
                ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
                new JdbcAllowList("jdbc-urls", List.of("jdbc:postgresql://warehouse:5432/.*")),
                JdbcCredentials.none(),
                duck),
            duck);
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

  @Test
  void refusesBatchSourcesOutsideAsForbiddenAndMalformedOnesAsInvalid() {
    JdbcBatchSource elsewhere =
        new JdbcBatchSource("jdbc:postgresql://evil:5432/web", Optional.of("t"), Optional.empty());
    FileBatchSource dotDot = new FileBatchSource(FileFormat.CSV, "../outside/*.csv");

    assertThat(refusal(() -> access.checkBatchSource("v", elsewhere)))
        .isEqualTo(AccessRefusedException.Reason.FORBIDDEN);
    assertThat(refusal(() -> access.checkBatchSource("v", dotDot)))
        .isEqualTo(AccessRefusedException.Reason.INVALID);
  }

  private static AccessRefusedException.Reason refusal(Runnable call) {
    try {
      call.run();
    } catch (AccessRefusedException e) {
      return e.reason();
    }
    throw new AssertionError("not refused");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
