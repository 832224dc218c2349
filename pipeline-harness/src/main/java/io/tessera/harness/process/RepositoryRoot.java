package io.tessera.harness.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root folder, where each module's {@code target/} holds its built jars. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /** The nearest folder at or above the working folder with the parent pom and {@code tessera}. */
  public static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("tessera"))
          && Files.isDirectory(dir.resolve("local-stack"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no Tessera checkout (pom.xml, tessera, local-stack/) at or above "
            + Path.of("").toAbsolutePath());
  }
}
