package io.tessera.training.job;

import io.tessera.training.spine.FileFormat;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/training-data/{id}} shows of a job at one moment.
 *
 * @param id the job id
 * @param state where it is
 * @param rowsDone spine rows computed
 * @param rowsTotal spine rows
 * @param rowsPerSecond rows done per second of running so far
 * @param etaSeconds the remaining time at that rate; null when unknown or finished
 * @param output the output file (it exists once the job succeeded)
 * @param format csv or parquet
 * @param columns the feature columns, in output order
 * @param submittedAt when it was accepted
 * @param finishedAt when it reached a final state, or null
 * @param error why it failed, or null
 */
public record TrainingJobStatus(
    String id,
    JobState state,
    long rowsDone,
    long rowsTotal,
    double rowsPerSecond,
    Long etaSeconds,
    String output,
    FileFormat format,
    List<String> columns,
    Instant submittedAt,
    Instant finishedAt,
    String error) {}
