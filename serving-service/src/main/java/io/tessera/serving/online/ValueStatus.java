package io.tessera.serving.online;

/** What a served value is worth. */
public enum ValueStatus {
  /** Computed from the entity's events. */
  PRESENT,
  /**
   * The entity has no event within the view's retention: the value is the function's empty value or
   * the feature's default.
   */
  NOT_FOUND,
  /** Computed, but the entity's newest event in the view is older than its expected freshness. */
  STALE,
  /** The store did not answer in time, or is down: no value. */
  UNAVAILABLE;

  /** The lower-case name the REST API writes. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
