package io.tessera.serving.training;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code tessera.serving.training.*}: how much training work an instance accepts, and what on the
 * host a job may touch.
 *
 * @param maxPendingJobs jobs accepted and not finished (the running one and those queued behind
 *     it); one more is refused with 429 and {@code Retry-After}. Every queued job holds its loaded
 *     spine in its own DuckDB database, so an unbounded queue is unbounded memory
 * @param spineDirs where spine files may be read; empty: {@code tessera.serving.training-dir}
 * @param outputDirs where outputs may be written; empty: {@code tessera.serving.training-dir}. The
 *     first is where a request without an output path writes
 * @param batchSourceDirs where the files of views' file batch sources (and the database files of
 *     {@code jdbc:duckdb:} ones) may be read; empty: none, so no file batch source is read
 * @param jdbcUrls regular expressions a JDBC batch source's whole URL must match; empty: no JDBC
 *     batch source is read
 * @param duckdbMemoryLimit the memory limit of each embedded DuckDB database (a job's, a batch
 *     source's), outside the Java heap
 */
@ConfigurationProperties("tessera.serving.training")
public record TrainingProperties(
    @DefaultValue("4") int maxPendingJobs,
    @DefaultValue List<String> spineDirs,
    @DefaultValue List<String> outputDirs,
    @DefaultValue List<String> batchSourceDirs,
    @DefaultValue List<String> jdbcUrls,
    @DefaultValue("1GB") DataSize duckdbMemoryLimit) {

  public TrainingProperties {
    if (maxPendingJobs < 1) {
      throw new IllegalArgumentException(
          "tessera.serving.training.max-pending-jobs must be at least 1, was " + maxPendingJobs);
    }
  }
}
