package io.tessera.definitions.feature;

/**
 * The type of a column of a normalized event: a payload field, or a derived column computed by a
 * view's transformation. Timestamps are epoch milliseconds.
 */
public enum ValueType {
  LONG,
  DOUBLE,
  STRING,
  BOOLEAN,
  TIMESTAMP;

  /** Whether arithmetic aggregations (sum, mean, variance, percentiles) accept this type. */
  public boolean isNumeric() {
    return this == LONG || this == DOUBLE;
  }

  /** Whether min and max accept this type: numbers, and timestamps (ordered like numbers). */
  public boolean isOrdered() {
    return isNumeric() || this == TIMESTAMP;
  }
}
