package io.tessera.ingest.normalize;

import io.tessera.definitions.transform.CompiledTransformation;
import io.tessera.definitions.transform.TransformationCompiler;
import io.tessera.definitions.view.FeatureView;
import java.util.Objects;

/**
 * One version of a feature view, ready to normalize events: its definition and its transformation,
 * compiled once.
 *
 * @param definition the view as registered
 * @param version the registered version, which every normalized event and dead letter carries
 * @param transformation the compiled filter and derived columns
 */
public record CompiledView(
    FeatureView definition, int version, CompiledTransformation transformation) {

  public CompiledView {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(transformation, "transformation");
    if (version < 1) {
      throw new IllegalArgumentException("versions count from 1, was " + version);
    }
  }

  /**
   * Compiles {@code definition}.
   *
   * @throws IllegalStateException if it does not compile, which the registry's validation makes
   *     impossible for a registered view
   */
  public static CompiledView compile(FeatureView definition, int version) {
    return new CompiledView(
        definition, version, TransformationCompiler.compile(definition).orThrow());
  }

  public String name() {
    return definition.name();
  }

  /** {@code user_txn@3}, for logs and thread names. */
  public String label() {
    return name() + "@" + version;
  }
}
