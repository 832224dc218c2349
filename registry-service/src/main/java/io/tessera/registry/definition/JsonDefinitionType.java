package io.tessera.registry.definition;

import io.tessera.definitions.validation.ValidationResult;
import io.tessera.registryclient.DefinitionKind;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link DefinitionType} whose reading, checking, naming, hashing and JSON come from its kind's
 * functions in feature-definitions; a subclass adds only what is its own: how a change is
 * classified and when a backfill is due.
 *
 * @param <T> {@code FeatureView} or {@code FeatureService}
 */
public abstract class JsonDefinitionType<T> implements DefinitionType<T> {

  private final DefinitionKind kind;
  private final Function<String, ValidationResult<T>> check;
  private final Function<String, T> read;
  private final Function<T, String> name;
  private final Function<T, String> contentHash;
  private final Function<T, ObjectNode> toTree;

  /**
   * @param check every problem of a submitted body, or the valid definition with defaults filled in
   * @param read reads a stored body back (stored bodies are valid)
   * @param name the definition's name
   * @param contentHash the content hash, equal for equal content
   * @param toTree the definition's JSON with defaults filled in, as stored and published
   */
  protected JsonDefinitionType(
      DefinitionKind kind,
      Function<String, ValidationResult<T>> check,
      Function<String, T> read,
      Function<T, String> name,
      Function<T, String> contentHash,
      Function<T, ObjectNode> toTree) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.check = Objects.requireNonNull(check, "check");
    this.read = Objects.requireNonNull(read, "read");
    this.name = Objects.requireNonNull(name, "name");
    this.contentHash = Objects.requireNonNull(contentHash, "contentHash");
    this.toTree = Objects.requireNonNull(toTree, "toTree");
  }

  @Override
  public final DefinitionKind kind() {
    return kind;
  }

  @Override
  public final ValidationResult<T> check(String json) {
    return check.apply(json);
  }

  @Override
  public final String name(T definition) {
    return name.apply(definition);
  }

  @Override
  public final String contentHash(T definition) {
    return contentHash.apply(definition);
  }

  @Override
  public final ObjectNode toTree(T definition) {
    return toTree.apply(definition);
  }

  @Override
  public final T read(String storedBody) {
    return read.apply(storedBody);
  }
}
