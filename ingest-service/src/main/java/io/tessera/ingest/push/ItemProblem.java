package io.tessera.ingest.push;

/**
 * Why one event of a push request was refused.
 *
 * @param index the event's position in the request's array, from 0
 * @param reason a dead-letter reason code: {@code malformed_payload}, {@code invalid_value}, ...
 * @param detail which column or check failed, for people
 */
public record ItemProblem(int index, String reason, String detail) {}
