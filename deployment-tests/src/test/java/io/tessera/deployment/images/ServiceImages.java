package io.tessera.deployment.images;

import io.tessera.deployment.TesseraService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Each service's image, as the build left it in {@code <module>/target/jib-image.tar}, opened once
 * for all the tests of a run (a tarball is 100-200 MB).
 */
final class ServiceImages {
  private static final Map<TesseraService, OciImage> OPENED = new EnumMap<>(TesseraService.class);

  private ServiceImages() {}

  static synchronized OciImage of(TesseraService service) {
    return OPENED.computeIfAbsent(service, ServiceImages::open);
  }

  static Path tarball(TesseraService service) {
    Path tarball = service.moduleDir().resolve("target/jib-image.tar");
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          tarball
              + " is missing: the images are built at package (mvn -pl deployment-tests -am"
              + " package, or verify), unless -Djib.skip=true");
    }
    return tarball;
  }

  private static OciImage open(TesseraService service) {
    try {
      // under target/, so that mvn clean removes it
      Path workDir = Path.of("target", "images", service.key()).toAbsolutePath();
      Files.createDirectories(workDir);
      return OciImage.open(tarball(service), workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
