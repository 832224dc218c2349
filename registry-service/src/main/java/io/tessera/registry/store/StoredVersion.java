package io.tessera.registry.store;

import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.VersionRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One immutable version of a definition, as stored.
 *
 * @param body the definition as RFC 8785 canonical JSON of its tree with defaults filled in
 * @param changeKind {@code CREATED}, or the change kind against the previous version
 * @param backfillDue whether the version's tiles need computing afresh
 */
public record StoredVersion(
    DefinitionKind kind,
    String name,
    int version,
    String body,
    String contentHash,
    String changeKind,
    boolean backfillDue,
    String registeredBy,
    Instant registeredAt) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public StoredVersion {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(changeKind, "changeKind");
    Objects.requireNonNull(registeredBy, "registeredBy");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /** The body as a JSON tree. */
  public ObjectNode definition() {
    return (ObjectNode) JSON.readTree(body);
  }

  /** The {@code owner} field, which views and services both have; empty if unset. */
  public String owner() {
    return definition().path("owner").asString("");
  }

  /** The {@code tags} field, which views and services both have. */
  public Map<String, String> tags() {
    Map<String, String> tags = new TreeMap<>();
    definition()
        .path("tags")
        .properties()
        .forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
    return tags;
  }

  /** What the topic carries for this version. */
  public VersionRecord toRecord() {
    return new VersionRecord(
        kind,
        name,
        version,
        contentHash,
        changeKind,
        backfillDue,
        registeredBy,
        registeredAt,
        definition());
  }
}
