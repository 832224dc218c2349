package io.tessera.definitions.version;

/**
 * What a change between two versions of a view means for its data, from least to most: the
 * registry's dry-run plan says whether the new version can reuse the old tiles or needs a backfill.
 */
public enum ChangeKind {
  /** Same content: the same version. */
  NONE,
  /**
   * A new version whose tiles and event log are the old ones: nothing that decides which events
   * count or how they aggregate has changed (description, owner, tags, expected freshness,
   * retention, a feature's default).
   */
  METADATA_ONLY,
  /**
   * A new version whose tiles must be computed afresh, by backfill: which events count, their
   * values, keys or times, or how they aggregate has changed.
   */
  SEMANTIC
}
