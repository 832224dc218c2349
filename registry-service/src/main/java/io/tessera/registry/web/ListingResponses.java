package io.tessera.registry.web;

import io.tessera.registry.definition.History;
import io.tessera.registry.store.NameState;
import io.tessera.registry.store.StoredVersion;
import io.tessera.registryclient.DeletionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response records of the read endpoints other than a single version. */
public final class ListingResponses {

  private ListingResponses() {}

  /** A page of live definitions; {@code total} counts all pages. */
  public record ListResponse(List<Summary> items, int page, int size, int total) {}

  /** One live definition in a listing. */
  public record Summary(
      String name, int latestVersion, String contentHash, String owner, Map<String, String> tags) {

    static Summary of(NameState state) {
      return new Summary(
          state.name(), state.latestVersion(), state.contentHash(), state.owner(), state.tags());
    }
  }

  /** Every version of a name, newest first. */
  public record VersionsResponse(
      String kind, String name, int deletedThroughVersion, List<VersionSummary> versions) {

    static VersionsResponse of(History history) {
      StoredVersion newest = history.versions().get(0);
      return new VersionsResponse(
          newest.kind().wireName(),
          history.name(),
          history.deletedThroughVersion(),
          history.versions().stream()
              .map(v -> VersionSummary.of(v, history.isDeleted(v)))
              .toList());
    }
  }

  /** One version in a version list, without its body. */
  public record VersionSummary(
      int version,
      String contentHash,
      String changeKind,
      boolean backfillDue,
      String registeredBy,
      Instant registeredAt,
      boolean deleted) {

    static VersionSummary of(StoredVersion v, boolean deleted) {
      return new VersionSummary(
          v.version(),
          v.contentHash(),
          v.changeKind(),
          v.backfillDue(),
          v.registeredBy(),
          v.registeredAt(),
          deleted);
    }
  }

  /** The answer to a DELETE: every version up to {@code deletedThroughVersion} is deleted. */
  public record DeletionResponse(
      String kind, String name, int deletedThroughVersion, String deletedBy, Instant deletedAt) {

    static DeletionResponse of(DeletionRecord deletion) {
      return new DeletionResponse(
          deletion.kind().wireName(),
          deletion.name(),
          deletion.throughVersion(),
          deletion.deletedBy(),
          deletion.deletedAt());
    }
  }
}
