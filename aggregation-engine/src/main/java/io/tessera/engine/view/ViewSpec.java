package io.tessera.engine.view;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A feature view: its features (in tile order: a tile stores one IR per feature, in this order) and
 * its tiling rule.
 *
 * @param name the view name
 * @param features the features, in a fixed order that tile encodings rely on
 * @param resolutions the tile sizes, coarsest first
 */
public record ViewSpec(String name, List<FeatureSpec> features, TileResolutions resolutions) {
  public ViewSpec {
    Objects.requireNonNull(name, "name");
    features = List.copyOf(features);
    Objects.requireNonNull(resolutions, "resolutions");
  }

  /** Every window any feature serves, once each: one read plan covers them all. */
  public Set<WindowSpec> windows() {
    Set<WindowSpec> windows = new LinkedHashSet<>();
    features.forEach(feature -> windows.addAll(feature.windows()));
    return windows;
  }
}
