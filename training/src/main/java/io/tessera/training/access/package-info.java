/**
 * What a training-data job may touch on the host, decided in one place ({@link
 * io.tessera.training.access.TrainingAccess}): spines are read and outputs written only under
 * configured directories, the job's own DuckDB runs sandboxed to its spine and its output, and its
 * views' batch sources are read through the batch-source library's access ({@code
 * io.tessera.batch.access}: batch-file directories, the JDBC allow-list and credentials). A refusal
 * is an {@code AccessRefusedException}, which the host renders (400 or 403 over HTTP).
 */
package io.tessera.training.access;
