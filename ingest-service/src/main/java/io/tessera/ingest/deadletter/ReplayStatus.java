package io.tessera.ingest.deadletter;

import java.time.Instant;

/**
 * What {@code GET /api/v1/dead-letters/replays/{id}} shows of a replay at one moment.
 *
 * @param id the job id
 * @param view the view
 * @param version the current version whose definition the letters go through
 * @param state where it is
 * @param toScan dead-letter records between the view's replay position and the end of the topic
 *     when the job started (every view's letters share the topic, so most may be others')
 * @param scanned of those, records read so far
 * @param replayed this view's dead letters read and fed through the definition
 * @param passed of those, published as normalized events
 * @param filtered of those, skipped by the view's filter
 * @param failed of those, rejected again: each is a new dead letter with the new reason, which a
 *     later replay (after another fix) picks up
 * @param skipped this view's dead letters that cannot be replayed: written by aggregation (their
 *     bytes are normalized events, such as {@code too_late} ones) or {@code too_large} (only their
 *     head was kept)
 * @param createdAt when it was accepted
 * @param finishedAt when it reached a final state, or null
 * @param error why it failed, or null
 */
public record ReplayStatus(
    String id,
    String view,
    int version,
    ReplayState state,
    long toScan,
    long scanned,
    long replayed,
    long passed,
    long filtered,
    long failed,
    long skipped,
    Instant createdAt,
    Instant finishedAt,
    String error) {}
