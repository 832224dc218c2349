/**
 * What a training-data job may touch on the host, decided in one place ({@link
 * io.tessera.serving.training.access.TrainingAccess}): spines are read and outputs written only
 * under configured directories, the job's own DuckDB runs sandboxed to its spine and its output,
 * and its views' batch sources are read through the batch-source library's access ({@code
 * io.tessera.batch.access}: batch-file directories, the JDBC allow-list and credentials). Refusals
 * are problem+json ({@link io.tessera.serving.training.access.AccessRefusedProblems}).
 */
package io.tessera.serving.training.access;
