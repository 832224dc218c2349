package io.tessera.training.spine;

import java.util.List;
import java.util.Map;

/**
 * Where a spine's rows come from: inline rows, or a local file (a path or a {@code file:} URI).
 * Exactly one of {@code rows} and {@code path}.
 *
 * @param rows inline rows: column name to a string, a whole number, or (for the timestamp) an
 *     ISO-8601 instant or epoch milliseconds
 * @param path a local CSV, Parquet or newline-delimited JSON file, or null
 * @param format the file's format; null to take it from the file name's extension
 */
public record SpineInput(List<Map<String, Object>> rows, String path, FileFormat format) {

  public static SpineInput inline(List<Map<String, Object>> rows) {
    return new SpineInput(rows, null, null);
  }

  public static SpineInput file(String path, FileFormat format) {
    return new SpineInput(null, path, format);
  }
}
