package io.tessera.definitions.version;

import java.util.Objects;

/**
 * One changed value between two versions.
 *
 * @param path the JSON path of the value; a feature is addressed by name, as in {@code
 *     $.features[?(@.name=='spend')].windows}, since features may be reordered freely
 * @param kind what this change alone means
 */
public record ChangedPath(String path, ChangeKind kind) {

  public ChangedPath {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }
}
