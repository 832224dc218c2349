package io.tessera.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The name a service's image has wherever it is named: {@code tessera/serving-service:<tag>}, the
 * tag being the Helm chart's {@code appVersion} (the build tags the images with it, compose runs
 * them, the chart defaults to it).
 */
public final class ImageName {
  private ImageName() {}

  public static String of(TesseraService service) {
    return "tessera/" + service.module() + ":" + chartAppVersion();
  }

  private static String chartAppVersion() {
    try {
      return Files.readAllLines(Repository.file("helm/tessera/Chart.yaml")).stream()
          .filter(line -> line.startsWith("appVersion:"))
          .map(line -> line.substring("appVersion:".length()).strip().replace("\"", ""))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Chart.yaml has no appVersion"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
