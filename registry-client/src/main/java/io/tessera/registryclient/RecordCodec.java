package io.tessera.registryclient;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that writes and reads records of the feature-definitions topic.
 *
 * <p>Keys are per version, {@code view/user_txn/3}, so compaction keeps every version (serving
 * answers pinned {@code view@3:feature} references, and the previous version during a backfill);
 * deletion markers are keyed {@code view/user_txn/deleted}, so compaction keeps the newest one.
 * Values are UTF-8 JSON:
 *
 * <pre>{@code
 * {"kind":"view","name":"user_txn","version":3,"contentHash":"9f2c...","changeKind":"SEMANTIC",
 *  "backfillDue":true,"registeredBy":"ci","registeredAt":"2026-03-10T14:37:25.120Z",
 *  "definition":{...}}
 * {"kind":"view","name":"user_txn","deleted":true,"throughVersion":3,"deletedBy":"ci",
 *  "deletedAt":"2026-03-11T09:00:00Z"}
 * }</pre>
 */
public final class RecordCodec {

  static final String DELETED = "deleted";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RecordCodec() {}

  /** {@code <kind>/<name>/<version>}, or {@code <kind>/<name>/deleted} for a deletion marker. */
  public static String key(TopicRecord record) {
    String suffix =
        record instanceof VersionRecord version ? Integer.toString(version.version()) : DELETED;
    return record.kind().wireName() + "/" + record.name() + "/" + suffix;
  }

  /** The record's value as JSON text. */
  public static String value(TopicRecord record) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("kind", record.kind().wireName());
    json.put("name", record.name());
    if (record instanceof VersionRecord version) {
      json.put("version", version.version());
      json.put("contentHash", version.contentHash());
      json.put("changeKind", version.changeKind());
      json.put("backfillDue", version.backfillDue());
      json.put("registeredBy", version.registeredBy());
      json.put("registeredAt", version.registeredAt().toString());
      json.set("definition", version.definition());
    } else if (record instanceof DeletionRecord deletion) {
      json.put(DELETED, true);
      json.put("throughVersion", deletion.throughVersion());
      json.put("deletedBy", deletion.deletedBy());
      json.put("deletedAt", deletion.deletedAt().toString());
    }
    return MAPPER.writeValueAsString(json);
  }

  /**
   * Reads a record back.
   *
   * @throws IllegalArgumentException if the key or value is not in this format, or they disagree
   */
  public static TopicRecord decode(String key, String value) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("a registry record has a key and a value");
    }
    String[] parts = key.split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a registry key: '" + key + "'");
    }
    DefinitionKind kind = DefinitionKind.fromWireName(parts[0]);
    JsonNode json;
    try {
      json = MAPPER.readTree(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("value of '" + key + "' is not JSON", e);
    }
    if (!kind.wireName().equals(text(json, "kind")) || !parts[1].equals(text(json, "name"))) {
      throw new IllegalArgumentException("key '" + key + "' disagrees with its value");
    }
    try {
      if (parts[2].equals(DELETED)) {
        return new DeletionRecord(
            kind,
            parts[1],
            integer(json, "throughVersion"),
            text(json, "deletedBy"),
            Instant.parse(text(json, "deletedAt")));
      }
      int version = integer(json, "version");
      if (!parts[2].equals(Integer.toString(version))) {
        throw new IllegalArgumentException("key '" + key + "' disagrees with its value");
      }
      JsonNode definition = json.get("definition");
      if (definition == null || !definition.isObject()) {
        throw new IllegalArgumentException("value of '" + key + "' has no definition object");
      }
      return new VersionRecord(
          kind,
          parts[1],
          version,
          text(json, "contentHash"),
          text(json, "changeKind"),
          json.path("backfillDue").asBoolean(false),
          text(json, "registeredBy"),
          Instant.parse(text(json, "registeredAt")),
          (ObjectNode) definition);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("value of '" + key + "' is incomplete: " + e, e);
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isString()) {
      throw new IllegalArgumentException("missing text field '" + field + "'");
    }
    return node.stringValue();
  }

  private static int integer(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isInt()) {
      throw new IllegalArgumentException("missing integer field '" + field + "'");
    }
    return node.intValue();
  }
}
