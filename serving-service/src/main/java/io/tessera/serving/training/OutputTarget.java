package io.tessera.serving.training;

import java.nio.file.Path;

/**
 * Where a job writes its file. The file appears only when the job succeeds (it is written under a
 * temporary name and moved), so a reader never sees a partial output.
 *
 * @param path the output file
 * @param format CSV or Parquet
 */
public record OutputTarget(Path path, FileFormat format) {}
