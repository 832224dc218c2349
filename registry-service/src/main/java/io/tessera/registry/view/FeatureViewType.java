package io.tessera.registry.view;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.version.Change;
import io.tessera.definitions.version.ChangeClassifier;
import io.tessera.definitions.version.ContentHash;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registry.definition.DefinitionType;
import io.tessera.registryclient.DefinitionKind;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Feature views for the versioning core. */
public final class FeatureViewType implements DefinitionType<FeatureView> {

  @Override
  public DefinitionKind kind() {
    return DefinitionKind.VIEW;
  }

  @Override
  public ValidationResult<FeatureView> check(String json) {
    return Definitions.checkView(json);
  }

  @Override
  public String name(FeatureView view) {
    return view.name();
  }

  @Override
  public String contentHash(FeatureView view) {
    return ContentHash.of(view);
  }

  @Override
  public ObjectNode toTree(FeatureView view) {
    return DefinitionJson.toTree(view);
  }

  @Override
  public FeatureView read(String storedBody) {
    return DefinitionJson.readView(storedBody).orThrow();
  }

  @Override
  public Change classify(FeatureView before, FeatureView after) {
    return ChangeClassifier.classify(before, after);
  }

  /**
   * A semantic change needs new tiles. A new view needs a backfill when it has a batch source to
   * fill its history from; without one its tiles start empty and fill from the stream.
   */
  @Override
  public boolean backfillDue(Optional<FeatureView> previous, FeatureView next, Change change) {
    return previous.isEmpty() ? next.batchSource().isPresent() : change.needsBackfill();
  }
}
