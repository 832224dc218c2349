package io.tessera.registry.definition;

import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.version.Change;
import io.tessera.registryclient.DefinitionKind;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the versioning core needs to know about one kind of definition.
 *
 * @param <T> {@code FeatureView} or {@code FeatureService}
 */
public interface DefinitionType<T> {

  DefinitionKind kind();

  /** Every problem of {@code json}, or the valid definition with defaults filled in. */
  ValidationResult<T> check(String json);

  String name(T definition);

  /** The content hash: equal for equal content. */
  String contentHash(T definition);

  /** The definition's JSON with defaults filled in, as stored and published. */
  ObjectNode toTree(T definition);

  /** Reads a stored body back. */
  T read(String storedBody);

  /** The difference between two versions, with every changed path. */
  Change classify(T before, T after);

  /**
   * Whether {@code next} needs its tiles computed by a backfill.
   *
   * @param previous the version before, if any
   */
  boolean backfillDue(Optional<T> previous, T next, Change change);
}
