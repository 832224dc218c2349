package io.tessera.registry.view;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.validation.KinesisEndpoints;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.version.Change;
import io.tessera.definitions.version.ChangeClassifier;
import io.tessera.definitions.version.ContentHash;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registry.definition.JsonDefinitionType;
import io.tessera.registryclient.DefinitionKind;
import java.util.List;
import java.util.Optional;

/** Feature views for the versioning core. */
public final class FeatureViewType extends JsonDefinitionType<FeatureView> {

  /**
   * @param endpoints the Kinesis endpoints a source may name; a view naming another one is invalid,
   *     with the problem at {@code $.source.endpoint}
   */
  public FeatureViewType(KinesisEndpoints endpoints) {
    super(
        DefinitionKind.VIEW,
        json -> check(json, endpoints),
        storedBody -> DefinitionJson.readView(storedBody).orThrow(),
        FeatureView::name,
        ContentHash::of,
        DefinitionJson::toTree);
  }

  private static ValidationResult<FeatureView> check(String json, KinesisEndpoints endpoints) {
    ValidationResult<FeatureView> result = Definitions.checkView(json);
    if (!(result instanceof ValidationResult.Valid<FeatureView> valid)) {
      return result;
    }
    return endpoints
        .check(valid.value())
        .<ValidationResult<FeatureView>>map(
            problem -> new ValidationResult.Invalid<>(List.of(problem)))
        .orElse(result);
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
