package io.tessera.registry.web;

import io.tessera.definitions.version.ChangedPath;
import io.tessera.registry.definition.Registration;
import io.tessera.registry.store.StoredVersion;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer to a PUT.
 *
 * @param created true (201) for a new version; false (200) when the body equals the latest
 * @param previousVersion the version compared against; null for a name's first version
 * @param changeKind {@code CREATED}, {@code NONE}, {@code METADATA_ONLY} or {@code SEMANTIC}
 * @param backfillDue the new version's tiles must be computed by a backfill; serving answers from
 *     the previous version until it is done
 * @param tilesStayValid the previous version's tiles serve this version unchanged
 */
public record RegistrationResponse(
    String kind,
    String name,
    int version,
    String contentHash,
    boolean created,
    Integer previousVersion,
    String changeKind,
    List<ChangedPath> changedPaths,
    boolean backfillDue,
    boolean tilesStayValid,
    String registeredBy,
    Instant registeredAt,
    JsonNode definition) {

  static RegistrationResponse of(Registration registration) {
    StoredVersion stored = registration.version();
    var plan = registration.plan();
    return new RegistrationResponse(
        stored.kind().wireName(),
        stored.name(),
        stored.version(),
        stored.contentHash(),
        registration.created(),
        plan.createsVersion() ? plan.previousVersion().orElse(null) : null,
        plan.changeKind(),
        plan.changedPaths(),
        stored.backfillDue(),
        plan.createsVersion() ? plan.tilesStayValid() : true,
        stored.registeredBy(),
        stored.registeredAt(),
        stored.definition());
  }
}
