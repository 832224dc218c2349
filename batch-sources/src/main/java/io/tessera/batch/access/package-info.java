/**
 * What reading batch sources may touch on the host, decided in one place ({@link
 * io.tessera.batch.access.BatchSourceAccess}): files only under configured directories ({@link
 * io.tessera.batch.access.ConfinedDirectories}: canonical real paths, no {@code ..}, no absolute
 * path or symbolic link leading out, no existing file replaced unless asked), JDBC sources only at
 * allow-listed URLs ({@link io.tessera.batch.access.JdbcAllowList}) with credentials from the
 * host's configuration, never from a definition ({@link io.tessera.batch.access.JdbcCredentials}),
 * and every embedded DuckDB sandboxed ({@link io.tessera.batch.access.DuckDbSandbox}: no file but
 * the ones it is given, no extension loading, a memory limit, its configuration locked). A refusal
 * is an {@link io.tessera.batch.access.AccessRefusedException} with its reason; the service renders
 * it.
 *
 * <p>Training reuses the confinement and the sandbox for its own files (spines, outputs).
 */
package io.tessera.batch.access;
