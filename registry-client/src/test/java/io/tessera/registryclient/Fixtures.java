package io.tessera.registryclient;

import io.tessera.definitions.json.DefinitionJson;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Small valid definitions and records built from them. */
final class Fixtures {

  static final Instant AT = Instant.parse("2026-03-10T14:37:25.120Z");

  private Fixtures() {}

  /** A valid view JSON with features {@code spend} and the given second feature. */
  static ObjectNode viewJson(String name, String secondFeature) {
    String json =
        """
        {"name": "%s", "entity": "user_id",
         "source": {"type": "kafka", "topic": "transactions"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [
           {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h"]},
           {"name": "%s", "function": "count", "windows": ["1h"]}]}
        """
            .formatted(name, secondFeature);
    return DefinitionJson.toTree(DefinitionJson.readView(json).orThrow());
  }

  static ObjectNode serviceJson(String name, String... features) {
    StringBuilder list = new StringBuilder();
    for (String feature : features) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(feature).append('"');
    }
    String json = "{\"name\": \"" + name + "\", \"features\": [" + list + "]}";
    return DefinitionJson.toTree(DefinitionJson.readService(json).orThrow());
  }

  static VersionRecord view(String name, int version, String secondFeature) {
    return new VersionRecord(
        DefinitionKind.VIEW,
        name,
        version,
        "hash-" + name + "-" + version,
        version == 1 ? VersionRecord.CREATED : "SEMANTIC",
        version > 1,
        "ci",
        AT,
        viewJson(name, secondFeature));
  }

  static VersionRecord service(String name, int version, String... features) {
    return new VersionRecord(
        DefinitionKind.SERVICE,
        name,
        version,
        "hash-" + name + "-" + version,
        VersionRecord.CREATED,
        false,
        "ci",
        AT,
        serviceJson(name, features));
  }

  static DeletionRecord deletion(DefinitionKind kind, String name, int through) {
    return new DeletionRecord(kind, name, through, "alice", AT);
  }
}
