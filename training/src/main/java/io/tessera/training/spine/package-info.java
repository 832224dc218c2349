/**
 * A training request's spine: inline rows or a file ({@link io.tessera.training.spine.SpineInput},
 * CSV, Parquet or JSON lines, {@link io.tessera.training.spine.FileFormat}), loaded into the job's
 * own DuckDB and checked before the request is answered ({@link
 * io.tessera.training.spine.SpineTable}: every problem listed, {@link
 * io.tessera.training.spine.SpineException}), then handed to the sweep as key and time columns
 * ({@link io.tessera.training.spine.SpineRows}).
 */
package io.tessera.training.spine;
