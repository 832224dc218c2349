package io.tessera.definitions.view;

import java.util.Objects;

/**
 * Files of one format, named by a path or a glob ({@code s3://lake/tx/date=*}{@code /*.parquet},
 * {@code /data/tx-*.csv}).
 *
 * @param format the file format
 * @param path a path or glob; URIs with a scheme name object stores
 * @param delayMs see {@link BatchSource#delayMs}
 */
public record FileBatchSource(FileFormat format, String path, long delayMs) implements BatchSource {

  /** Files complete up to {@link BatchSource#DEFAULT_DELAY_MS} ago. */
  public FileBatchSource(FileFormat format, String path) {
    this(format, path, DEFAULT_DELAY_MS);
  }

  public FileBatchSource {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(path, "path");
  }
}
