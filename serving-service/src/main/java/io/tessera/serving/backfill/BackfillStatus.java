package io.tessera.serving.backfill;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of the {@code backfill-status} topic (compacted, one partition). Key {@code
 * view/<name>/<version>}; value {@code {"view": "...", "version": 3, "state": "completed",
 * "completedAt": "2026-03-10T14:37:25.120Z"}}. The backfill workers publish it once every tile of
 * that version is written (including sealing); until then the version is not served to unpinned
 * requests. Other states ({@code running}, {@code failed}) are informational.
 *
 * @param view the view's name
 * @param version the view version backfilled
 * @param state {@code completed}, {@code running} or {@code failed}
 * @param completedAt when it completed, or null
 */
public record BackfillStatus(String view, int version, String state, Instant completedAt) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public static final String COMPLETED = "completed";

  public boolean isCompleted() {
    return COMPLETED.equals(state);
  }

  public String key() {
    return "view/" + view + "/" + version;
  }

  public String toJson() {
    var node = JSON.createObjectNode();
    node.put("view", view);
    node.put("version", version);
    node.put("state", state);
    if (completedAt != null) {
      node.put("completedAt", completedAt.toString());
    }
    return node.toString();
  }

  /** Reads a record value; throws IllegalArgumentException if it is not one. */
  public static BackfillStatus fromJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (!node.path("view").isString() || !node.path("version").isInt()) {
      throw new IllegalArgumentException("a backfill status needs 'view' and 'version'");
    }
    String completed =
        node.path("completedAt").isString() ? node.get("completedAt").asString() : null;
    return new BackfillStatus(
        node.get("view").asString(),
        node.get("version").asInt(),
        node.path("state").asString(""),
        completed == null ? null : Instant.parse(completed));
  }
}
