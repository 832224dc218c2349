package io.tessera.definitions.validation;

import io.tessera.definitions.view.FeatureView;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the registry knows, as feature-service validation needs it. The registry implements it over
 * its store; tests implement it over a map.
 */
public interface RegisteredViews {

  /** The newest version number of {@code view}, counted from 1; empty if it is not registered. */
  OptionalInt latestVersion(String view);

  /** Version {@code version} of {@code view}; empty if there is no such version. */
  Optional<FeatureView> version(String view, int version);
}
