package io.tessera.registry.backfill;

import io.tessera.registry.backfill.BackfillRefusedException.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST .../backfills}, every field optional: {@code {"version": 3, "from":
 * "2026-11-01T00:00:00Z", "to": "2026-11-05T00:00:00Z"}}.
 *
 * @param version the view version to backfill; null for the newest live one
 * @param from the range's start; null for the start of the view's retention
 * @param to the range's end (exclusive); null for the hand-over to the stream
 */
public record BackfillRequest(Integer version, Instant from, Instant to) {

  /** Everything the defaults say: the newest live version over its whole retention. */
  public static final BackfillRequest DEFAULTS = new BackfillRequest(null, null, null);

  private static final Set<String> FIELDS = Set.of("version", "from", "to");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public BackfillRequest {
    if (version != null && version < 1) {
      throw badRequest("version counts from 1, was " + version);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw badRequest("from (" + from + ") must be before to (" + to + ")");
    }
  }

  /**
   * Reads a body; none (null or blank) is {@link #DEFAULTS}. A field set to null is as absent.
   *
   * @throws BackfillRefusedException with {@link Reason#BAD_REQUEST} naming what is wrong
   */
  public static BackfillRequest parse(String body) {
    if (body == null || body.isBlank()) {
      return DEFAULTS;
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      throw badRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (!json.isObject()) {
      throw badRequest("the body must be a JSON object such as {\"version\": 3}");
    }
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw badRequest(
            "unknown field '" + field.getKey() + "'; the fields are version, from and to");
      }
    }
    return new BackfillRequest(
        version(json.get("version")), instant(json, "from"), instant(json, "to"));
  }

  /** The range's start in epoch ms, or null for the open end. */
  public Long fromMs() {
    return from == null ? null : from.toEpochMilli();
  }

  /** The range's end in epoch ms, or null for the open end. */
  public Long toMs() {
    return to == null ? null : to.toEpochMilli();
  }

  private static Integer version(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw badRequest("version must be a whole number such as 3, was " + node);
    }
    return node.intValue();
  }

  private static Instant instant(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    String problem =
        field + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was " + node;
    if (!node.isString()) {
      throw badRequest(problem);
    }
    try {
      return Instant.parse(node.asString());
    } catch (DateTimeParseException e) {
      throw badRequest(problem);
    }
  }

  private static BackfillRefusedException badRequest(String detail) {
    return new BackfillRefusedException(Reason.BAD_REQUEST, detail);
  }
}
