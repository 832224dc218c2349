package io.tessera.benchmarks.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written part of a report: everything below {@link #MARKER} in the file a benchmark is
 * about to rewrite. A run replaces what it measured and keeps what people wrote about it.
 */
public final class KeptAnalysis {
  public static final String MARKER =
      "<!-- analysis: kept when the benchmark rewrites this file -->";

  private KeptAnalysis() {}

  /** The marker, then the lines below it in {@code output} (none if it has no marker yet). */
  public static List<String> of(Path output) throws IOException {
    if (!Files.exists(output)) {
      return List.of(MARKER);
    }
    List<String> old = Files.readAllLines(output);
    int at = old.indexOf(MARKER);
    List<String> kept = new ArrayList<>();
    kept.add(MARKER);
    if (at >= 0) {
      kept.addAll(old.subList(at + 1, old.size()));
    }
    return kept;
  }
}
