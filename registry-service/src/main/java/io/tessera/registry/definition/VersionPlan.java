package io.tessera.registry.definition;

import io.tessera.definitions.version.ChangedPath;
import io.tessera.registry.store.StoredVersion;
import java.util.List;
import java.util.Optional;

/**
 * What registering a body does, or would do.
 *
 * @param previous the newest stored version before it (deleted or not), compared against
 * @param createsVersion false when the body equals the latest live version
 * @param version the version the body is (when equal) or becomes
 * @param changeKind {@code NONE} (same content), {@code CREATED} (first version of the name), or
 *     {@code METADATA_ONLY} / {@code SEMANTIC} against {@code previous}
 * @param changedPaths every changed JSON path, with what it alone means
 * @param backfillDue whether the new version's tiles must be computed by a backfill
 */
public record VersionPlan(
    Optional<StoredVersion> previous,
    boolean createsVersion,
    int version,
    String changeKind,
    List<ChangedPath> changedPaths,
    boolean backfillDue) {

  public VersionPlan {
    changedPaths = List.copyOf(changedPaths);
  }

  /** Whether tiles computed for the previous version serve the new one unchanged. */
  public boolean tilesStayValid() {
    return previous.isPresent() && !backfillDue;
  }

  public Optional<Integer> previousVersion() {
    return previous.map(StoredVersion::version);
  }
}
