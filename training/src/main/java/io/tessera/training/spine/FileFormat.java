package io.tessera.training.spine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The file formats of spines and outputs, with the DuckDB reader of each. */
public enum FileFormat {
  CSV,
  PARQUET,
  /** Newline-delimited JSON objects; spines only (inline rows are read this way). */
  JSON;

  /** The format a file name's extension names, if any. */
  public static Optional<FileFormat> ofPath(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
      return Optional.of(CSV);
    }
    if (lower.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }

  /** Parses {@code csv}, {@code parquet} or {@code json}. */
  public static Optional<FileFormat> parse(String text) {
    for (FileFormat format : values()) {
      if (format.name().equalsIgnoreCase(text)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** The DuckDB table function that reads a file of this format. */
  String readFunction(String quotedPath) {
    return switch (this) {
      case CSV -> "read_csv(" + quotedPath + ", header = true)";
      case PARQUET -> "read_parquet(" + quotedPath + ")";
      case JSON -> "read_json(" + quotedPath + ", format = 'newline_delimited')";
    };
  }

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
