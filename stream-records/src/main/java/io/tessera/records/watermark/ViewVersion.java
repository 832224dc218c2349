package io.tessera.records.watermark;

import java.util.Objects;

/** A view version, the unit a watermark belongs to. */
public record ViewVersion(String view, int version) {
  public ViewVersion {
    Objects.requireNonNull(view, "view");
  }
}
