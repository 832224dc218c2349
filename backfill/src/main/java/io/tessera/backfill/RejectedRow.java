package io.tessera.backfill;

import java.util.Map;

/**
 * A batch-source row that yields no event, with the reason a stream payload would be dead-lettered
 * for ({@code invalid_value}, {@code missing_entity}, {@code too_large}, ...).
 *
 * @param reason the dead-letter reason code
 * @param detail what was wrong, for a person
 * @param row the row as read
 */
public record RejectedRow(String reason, String detail, Map<String, Object> row) {}
