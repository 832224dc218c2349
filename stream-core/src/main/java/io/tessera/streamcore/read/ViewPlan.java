package io.tessera.streamcore.read;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewSpec;
import java.util.Objects;

/**
 * One view version ready to read: its definition, the storage name of its tiles and the engine's
 * spec of it under that name (built once per version, reused by every request).
 *
 * <p>Equal by view and version only: a version's definition never changes, and requests use plans
 * as map keys several times each, where the record's default would hash the whole definition.
 */
public record ViewPlan(
    String view, int version, FeatureView definition, String storageName, ViewSpec spec) {

  @Override
  public boolean equals(Object other) {
    return other instanceof ViewPlan plan && version == plan.version && view.equals(plan.view);
  }

  @Override
  public int hashCode() {
    return Objects.hash(view, version);
  }
}
