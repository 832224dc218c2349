package io.tessera.ingest.push;

/**
 * The answer to an accepted push: every event is durably in the normalized topic, or was skipped by
 * the view's filter.
 *
 * @param view the view
 * @param version the view version whose transformation normalized the events
 * @param accepted events published
 * @param filtered events the view's filter skipped
 * @param idempotencyKey the request's {@code Idempotency-Key}, or the id ingest generated for it
 */
public record PushResult(
    String view, int version, int accepted, int filtered, String idempotencyKey) {}
