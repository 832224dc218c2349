package io.tessera.registryclient;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One immutable version of a definition, as published to the topic under the key {@code
 * <kind>/<name>/<version>}.
 *
 * @param kind view or service
 * @param name the definition's name
 * @param version counted from 1 per name; never reused, also not after a deletion
 * @param contentHash SHA-256 of the canonical JSON, as {@code ContentHash} computes it
 * @param changeKind {@code CREATED} for the first version of a name, else the {@code ChangeKind}
 *     against the previous version ({@code METADATA_ONLY} or {@code SEMANTIC})
 * @param backfillDue whether this version's tiles must be computed afresh by a backfill (serving
 *     keeps answering from the previous version until it is done); always false for services
 * @param registeredBy the API-key principal that registered it
 * @param registeredAt when the registry stored it
 * @param definition the definition's JSON, defaults filled in
 */
public record VersionRecord(
    DefinitionKind kind,
    String name,
    int version,
    String contentHash,
    String changeKind,
    boolean backfillDue,
    String registeredBy,
    Instant registeredAt,
    ObjectNode definition)
    implements TopicRecord {

  /** The change kind of a name's first version, which has nothing to compare with. */
  public static final String CREATED = "CREATED";

  public VersionRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (version < 1) {
      throw new IllegalArgumentException("versions count from 1, was " + version);
    }
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(changeKind, "changeKind");
    Objects.requireNonNull(registeredBy, "registeredBy");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(definition, "definition");
  }
}
