/**
 * The dead-letter side of ingest: replaying a view's dead letters through its current definition
 * ({@code POST /api/v1/dead-letters/{view}:replay}). Dead letters are written by the shared
 * pipeline and counted per view and reason by its metrics.
 */
package io.tessera.ingest.deadletter;
