package io.tessera.registry.featureservice;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.validation.RegisteredViews;
import io.tessera.definitions.version.Change;
import io.tessera.definitions.version.ChangeKind;
import io.tessera.definitions.version.ChangedPath;
import io.tessera.definitions.version.ContentHash;
import io.tessera.registry.definition.JsonDefinitionType;
import io.tessera.registryclient.DefinitionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Feature services for the versioning core. A service has no tiles of its own, so no change to it
 * needs a backfill; a change to its features changes the served vector and counts as semantic.
 */
public final class FeatureServiceType extends JsonDefinitionType<FeatureService> {

  public FeatureServiceType(RegisteredViews views) {
    super(
        DefinitionKind.SERVICE,
        json -> Definitions.checkService(json, views),
        storedBody -> DefinitionJson.readService(storedBody).orThrow(),
        FeatureService::name,
        ContentHash::of,
        DefinitionJson::toTree);
  }

  @Override
  public Change classify(FeatureService before, FeatureService after) {
    List<ChangedPath> paths = new ArrayList<>();
    if (!before.features().equals(after.features())) {
      paths.add(new ChangedPath("$.features", ChangeKind.SEMANTIC));
    }
    if (!before.description().equals(after.description())) {
      paths.add(new ChangedPath("$.description", ChangeKind.METADATA_ONLY));
    }
    if (!before.owner().equals(after.owner())) {
      paths.add(new ChangedPath("$.owner", ChangeKind.METADATA_ONLY));
    }
    Set<String> tagKeys = new TreeSet<>(before.tags().keySet());
    tagKeys.addAll(after.tags().keySet());
    for (String key : tagKeys) {
      if (!Objects.equals(before.tags().get(key), after.tags().get(key))) {
        paths.add(new ChangedPath("$.tags." + key, ChangeKind.METADATA_ONLY));
      }
    }
    ChangeKind kind =
        paths.stream().map(ChangedPath::kind).max(Enum::compareTo).orElse(ChangeKind.NONE);
    return new Change(kind, paths);
  }

  @Override
  public boolean backfillDue(
      Optional<FeatureService> previous, FeatureService next, Change change) {
    return false;
  }
}
