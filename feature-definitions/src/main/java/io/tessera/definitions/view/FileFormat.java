package io.tessera.definitions.view;

import java.util.Locale;

/** The formats of batch files. CSV files have a header row naming the columns. */
public enum FileFormat {
  PARQUET,
  CSV,
  JSONL;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
