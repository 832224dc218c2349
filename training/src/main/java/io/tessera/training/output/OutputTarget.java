package io.tessera.training.output;

import io.tessera.training.spine.FileFormat;
import java.nio.file.Path;

/**
 * Where a job writes its file. The file appears only when the job succeeds (it is written under a
 * temporary name and moved), so a reader never sees a partial output.
 *
 * @param path the output file; once accepted, a checked path under the output directories
 * @param format CSV or Parquet
 * @param overwrite whether an existing file at {@code path} may be replaced
 */
public record OutputTarget(Path path, FileFormat format, boolean overwrite) {

  /** The temporary file the output is written to before it is moved into place. */
  public Path partialPath() {
    Path file = path.toAbsolutePath();
    return file.resolveSibling("." + file.getFileName() + ".partial");
  }
}
