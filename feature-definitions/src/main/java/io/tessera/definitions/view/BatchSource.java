package io.tessera.definitions.view;

/**
 * Where backfill reads history that mirrors the stream: rows with the same columns as the stream's
 * payloads, fed through the same transformation.
 */
public sealed interface BatchSource permits FileBatchSource, JdbcBatchSource {}
