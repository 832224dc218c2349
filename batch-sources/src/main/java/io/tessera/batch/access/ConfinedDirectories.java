package io.tessera.batch.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories one kind of file (spines, outputs, batch-source files) must be under, and the
 * checks that keep a requested path there: the path has no {@code ..}; a relative path is taken
 * from the first directory; the path, and the canonical real path it leads to through every
 * symbolic link, are under one of the directories; an existing file is replaced only when asked.
 *
 * <p>A check is made when the request is answered; a file swapped for a link between then and the
 * job's use of it is not seen (the job's DuckDB can reach only the checked path, though).
 */
public final class ConfinedDirectories {

  private final String what;
  private final String property;
  private final List<Path> roots;

  private ConfinedDirectories(String what, String property, List<Path> roots) {
    this.what = what;
    this.property = property;
    this.roots = List.copyOf(roots);
  }

  /**
   * The directories, created if missing, as their canonical real paths.
   *
   * @param what what lives there, for messages ("spine", "output")
   * @param property the setting that names them, for messages
   */
  public static ConfinedDirectories of(String what, String property, List<Path> directories) {
    List<Path> roots = new ArrayList<>();
    for (Path directory : directories) {
      try {
        Files.createDirectories(directory);
        Path real = directory.toRealPath();
        if (real.toString().contains("'")) {
          throw new IllegalArgumentException(
              property + ": a directory may not contain a quote: " + real);
        }
        roots.add(real);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot use " + directory + " (" + property + ")", e);
      }
    }
    return new ConfinedDirectories(what, property, roots);
  }

  /** The directories (canonical real paths); empty when none is configured. */
  public List<Path> roots() {
    return roots;
  }

  /** A path from a plain path or a {@code file:} URI; other URIs are refused. */
  public static Path parse(String text, String what) {
    if (text.startsWith("file:")) {
      try {
        return Path.of(URI.create(text));
      } catch (IllegalArgumentException e) {
        throw AccessRefusedException.invalid("the " + what + " URI " + text + " is not a file URI");
      }
    }
    if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw AccessRefusedException.invalid(
          "the " + what + " must be a local file (a path or a file: URI), not " + text);
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw AccessRefusedException.invalid("the " + what + " path " + text + " is not a path");
    }
  }

  /**
   * The canonical real path of an existing regular file under the directories.
   *
   * @throws AccessRefusedException 400 for a {@code ..} or a missing file, 403 for a path or link
   *     leading out of the directories
   */
  public Path existingFile(Path requested) {
    Path path = within(requested);
    if (!Files.isRegularFile(path)) {
      throw AccessRefusedException.invalid(
          "the " + what + " file " + requested + " does not exist");
    }
    return underRoots(realPath(path), requested);
  }

  /**
   * Where a new file may be written: its directory's canonical real path (through every link of the
   * part that exists) under the directories, plus its name.
   *
   * @param overwrite whether an existing file there may be replaced
   * @throws AccessRefusedException 400 for a {@code ..} or an existing file not to be replaced, 403
   *     for a path or link leading out of the directories (an existing link is never replaced)
   */
  public Path newFile(Path requested, boolean overwrite) {
    Path path = within(requested);
    if (path.getFileName() == null || path.getParent() == null) {
      throw AccessRefusedException.invalid("the " + what + " path " + requested + " names no file");
    }
    if (Files.isSymbolicLink(path)) {
      throw AccessRefusedException.forbidden(
          "the "
              + what
              + " path "
              + requested
              + " is a symbolic link; it is never written through");
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (!overwrite) {
        throw AccessRefusedException.invalid(
            "the "
                + what
                + " file "
                + requested
                + " exists; set \"overwrite\": true to replace it");
      }
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        throw AccessRefusedException.invalid(
            "the " + what + " path " + requested + " exists and is not a file");
      }
    }
    Path existing = path.getParent();
    List<Path> missing = new ArrayList<>();
    while (!Files.exists(existing)) {
      missing.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    Path directory = realPath(existing);
    for (Path name : missing) {
      directory = directory.resolve(name);
    }
    return underRoots(directory, requested).resolve(path.getFileName());
  }

  /**
   * A glob ({@code /data/tx/date=*}{@code /*.csv}) whose fixed part, up to the first segment with a
   * wildcard, is under the directories; what it matches is checked file by file when it is read.
   *
   * @throws AccessRefusedException 400 for a {@code ..}, 403 for a fixed part leading out
   */
  public Path pattern(Path requested) {
    Path fixed = requested.getRoot();
    for (Path name : requested) {
      if (name.toString().matches(".*[*?\\[{].*")) {
        break;
      }
      fixed = fixed == null ? name : fixed.resolve(name);
    }
    within(requested);
    Path prefix = within(fixed == null ? Path.of("") : fixed);
    if (Files.exists(prefix) && !contains(realPath(prefix))) {
      throw outside(requested);
    }
    return requested.isAbsolute() ? requested.normalize() : roots.get(0).resolve(requested);
  }

  /** Whether a canonical real path is under one of the directories. */
  public boolean contains(Path real) {
    for (Path root : roots) {
      if (real.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** {@code requested} made absolute, with no {@code ..}, lexically under the directories. */
  private Path within(Path requested) {
    for (Path name : requested) {
      if (name.toString().equals("..")) {
        throw AccessRefusedException.invalid(
            "the " + what + " path " + requested + " may not contain '..'");
      }
    }
    if (requested.toString().contains("'")) {
      throw AccessRefusedException.invalid(
          "the " + what + " path " + requested + " may not contain a quote");
    }
    if (roots.isEmpty()) {
      throw AccessRefusedException.forbidden(
          "no " + what + " directory is configured (" + property + ")");
    }
    Path absolute = requested.isAbsolute() ? requested : roots.get(0).resolve(requested);
    Path normalized = absolute.normalize();
    if (!lexicallyUnderRoots(normalized)) {
      throw outside(requested);
    }
    return normalized;
  }

  private boolean lexicallyUnderRoots(Path path) {
    // A configured directory may itself be reached through a link (/tmp on some systems): compare
    // with both its real path and the path as configured would be the same after toRealPath.
    return contains(path) || contains(realPathOrSelf(path));
  }

  private Path underRoots(Path real, Path requested) {
    if (!contains(real)) {
      throw outside(requested);
    }
    return real;
  }

  private AccessRefusedException outside(Path requested) {
    return AccessRefusedException.forbidden(
        "the "
            + what
            + " path "
            + requested
            + " is outside the configured "
            + what
            + " directories ("
            + property
            + ")");
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw AccessRefusedException.invalid("cannot resolve " + path + ": " + e.getMessage());
    }
  }

  /** The real path of the longest existing prefix, plus the rest; the path itself if none. */
  private static Path realPathOrSelf(Path path) {
    Path existing = path;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      rest.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      Path real = existing.toRealPath();
      for (Path name : rest) {
        real = real.resolve(name);
      }
      return real;
    } catch (IOException e) {
      return path;
    }
  }
}
