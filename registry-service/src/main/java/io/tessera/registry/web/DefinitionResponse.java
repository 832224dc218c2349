package io.tessera.registry.web;

import io.tessera.registry.store.StoredVersion;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One stored version.
 *
 * @param deleted whether the name is deleted through this version (history stays readable)
 * @param definition the definition with defaults filled in
 */
public record DefinitionResponse(
    String kind,
    String name,
    int version,
    String contentHash,
    String changeKind,
    boolean backfillDue,
    String registeredBy,
    Instant registeredAt,
    boolean deleted,
    JsonNode definition) {

  static DefinitionResponse of(StoredVersion stored, boolean deleted) {
    return new DefinitionResponse(
        stored.kind().wireName(),
        stored.name(),
        stored.version(),
        stored.contentHash(),
        stored.changeKind(),
        stored.backfillDue(),
        stored.registeredBy(),
        stored.registeredAt(),
        deleted,
        stored.definition());
  }
}
