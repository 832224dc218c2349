/**
 * The dead-letter side of ingest: replaying a view's dead letters through its current definition,
 * as a job ({@code POST /api/v1/dead-letters/{view}:replay} starts one; {@code GET} and {@code
 * DELETE /api/v1/dead-letters/replays/{id}} show its progress and cancel it). Dead letters are
 * written by the shared pipeline and counted per view and reason by its metrics.
 */
package io.tessera.ingest.deadletter;
