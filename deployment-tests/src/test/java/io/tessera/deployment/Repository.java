package io.tessera.deployment;

import java.nio.file.Path;

/** Where the files these tests check are: the repository's root is this module's parent. */
public final class Repository {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private Repository() {}

  public static Path file(String relative) {
    return ROOT.resolve(relative);
  }
}
