/**
 * What a training-data job may touch on the host, decided in one place ({@link
 * io.tessera.serving.training.access.TrainingAccess}): spines are read and outputs written only
 * under configured directories ({@link io.tessera.serving.training.access.ConfinedDirectories}:
 * canonical real paths, no {@code ..}, no absolute path or symbolic link leading out, no existing
 * file replaced unless asked), batch-source files only under theirs, JDBC batch sources only at
 * allow-listed URLs ({@link io.tessera.serving.training.access.JdbcAllowList}), and every embedded
 * DuckDB runs sandboxed ({@link io.tessera.serving.training.access.DuckDbSandbox}: no file but the
 * ones it is given, no extension loading, a memory limit, its configuration locked). Refusals are
 * problem+json ({@link io.tessera.serving.training.access.AccessRefusedException}).
 */
package io.tessera.serving.training.access;
