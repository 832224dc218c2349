package io.tessera.training.access;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.definitions.view.BatchSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything a training-data job may touch, decided here: the spine directories it reads, the
 * output directories it writes and the sandbox its own embedded DuckDB runs in; its views' batch
 * sources are read through the {@link BatchSourceAccess} backfill uses too.
 */
public final class TrainingAccess {

  private final ConfinedDirectories spines;
  private final ConfinedDirectories outputs;
  private final BatchSourceAccess batchSources;
  private final DuckDbSandbox duck;

  public TrainingAccess(
      ConfinedDirectories spines,
      ConfinedDirectories outputs,
      BatchSourceAccess batchSources,
      DuckDbSandbox duck) {
    this.spines = spines;
    this.outputs = outputs;
    this.batchSources = batchSources;
    this.duck = duck;
  }

  public ConfinedDirectories spines() {
    return spines;
  }

  public ConfinedDirectories outputs() {
    return outputs;
  }

  /** What the job's views' batch sources may touch. */
  public BatchSourceAccess batchSources() {
    return batchSources;
  }

  /** A job's own database: it reads its spine file and writes its output file, nothing else. */
  public Connection openJobDatabase(Path spineFile, Path outputFile) throws SQLException {
    return duck.open(List.of(spineFile, outputFile), List.of());
  }

  /**
   * Checks a view's batch source before a job is accepted.
   *
   * @throws io.tessera.batch.access.AccessRefusedException INVALID or FORBIDDEN
   */
  public void checkBatchSource(String view, BatchSource source) {
    batchSources.check(view, source);
  }
}
