package io.tessera.definitions.version;

import java.util.List;
import java.util.Objects;

/**
 * The classified difference between two versions of a view.
 *
 * @param kind the most consequential kind among the changed paths; {@link ChangeKind#NONE} when
 *     there are none
 * @param paths every changed value, in document order
 */
public record Change(ChangeKind kind, List<ChangedPath> paths) {

  public Change {
    Objects.requireNonNull(kind, "kind");
    paths = List.copyOf(paths);
  }

  /** Whether the new version needs tiles computed afresh (by backfill). */
  public boolean needsBackfill() {
    return kind == ChangeKind.SEMANTIC;
  }
}
