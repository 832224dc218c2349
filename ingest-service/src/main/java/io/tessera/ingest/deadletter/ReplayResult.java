package io.tessera.ingest.deadletter;

/**
 * What a replay of a view's dead letters did.
 *
 * @param view the view
 * @param version the current version whose definition the letters went through
 * @param replayed dead letters read and fed through the definition
 * @param passed of those, published as normalized events
 * @param filtered of those, skipped by the view's filter
 * @param failed of those, rejected again: each is a new dead letter with the new reason, which a
 *     later replay (after another fix) picks up
 * @param skipped dead letters that cannot be replayed: written by aggregation (their bytes are
 *     normalized events, such as {@code too_late} ones) or {@code too_large} (only their head was
 *     kept)
 */
public record ReplayResult(
    String view, int version, int replayed, int passed, int filtered, int failed, int skipped) {}
