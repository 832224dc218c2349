package io.tessera.serving.training;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** How a refused path or URL reaches a client: 403 outside what is allowed, 400 malformed. */
class AccessRefusedProblemsTest {

  @TempDir Path tmp;

  @Test
  void refusedBatchSourcesAreForbiddenOrInvalidProblems() throws Exception {
    Path batch = Files.createDirectories(tmp.resolve("batch")).toRealPath();
    BatchSourceAccess access =
        new BatchSourceAccess(
            ConfinedDirectories.of("batch-source", "batch", List.of(batch)),
            new JdbcAllowList("jdbc-urls", List.of("jdbc:postgresql://warehouse:5432/.*")),
            JdbcCredentials.none(),
            new DuckDbSandbox(64L * 1024 * 1024));
    AccessRefusedProblems problems = new AccessRefusedProblems();
    JdbcBatchSource elsewhere =
        new JdbcBatchSource("jdbc:postgresql://evil:5432/web", Optional.of("t"), Optional.empty());
    FileBatchSource dotDot = new FileBatchSource(FileFormat.CSV, "../outside/*.csv");

    assertThat(problem(problems, () -> access.check("v", elsewhere)).getStatus())
        .isEqualTo(HttpStatus.FORBIDDEN.value());
    assertThat(problem(problems, () -> access.check("v", dotDot)).getStatus())
        .isEqualTo(HttpStatus.BAD_REQUEST.value());
  }

  private static ProblemDetail problem(AccessRefusedProblems problems, Runnable call) {
    try {
      call.run();
    } catch (AccessRefusedException e) {
      return problems.refused(e);
    }
    throw new AssertionError("not refused");
  }
}
