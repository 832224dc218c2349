package io.tessera.deployment.settings;

import io.tessera.deployment.Repository;
import io.tessera.deployment.TesseraService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap each service runs with under {@code ./tessera up} and the benchmarks ({@code
 * SERVICE_HEAP} in {@code local-stack/stack.sh}): the measured memory budget the images, compose
 * and the chart start from.
 */
public final class LauncherHeaps {
  private LauncherHeaps() {}

  /** Such as {@code 1g}: as {@code -Xmx} takes it. */
  public static String heap(TesseraService service) {
    String stack;
    try {
      stack = Files.readString(Repository.file("local-stack/stack.sh"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher entry =
        Pattern.compile("\\[" + service.key() + "]=\\$\\{TESSERA_[A-Z]+_HEAP:-([0-9]+[mg])}")
            .matcher(stack);
    if (!entry.find()) {
      throw new IllegalStateException(
          "no SERVICE_HEAP entry for " + service.key() + " in stack.sh");
    }
    return entry.group(1);
  }
}
