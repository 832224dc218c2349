package io.tessera.training.spine;

import java.util.List;

/**
 * A spine's rows as the sweep needs them, in spine order.
 *
 * @param keyColumns the key columns of every selected view, each once
 * @param keys per key column, per row: the value as text (whole numbers in decimal, as serving
 *     takes them)
 * @param timesMs per row: the timestamp {@code t}, epoch milliseconds
 */
public record SpineRows(List<String> keyColumns, String[][] keys, long[] timesMs) {

  public int size() {
    return timesMs.length;
  }

  /** The value of {@code column} in {@code row}. */
  public String key(String column, int row) {
    return keys[keyColumns.indexOf(column)][row];
  }
}
