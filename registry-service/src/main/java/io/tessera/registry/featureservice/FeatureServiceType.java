package io.tessera.registry.featureservice;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.validation.RegisteredViews;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.version.Change;
import io.tessera.definitions.version.ChangeKind;
import io.tessera.definitions.version.ChangedPath;
import io.tessera.definitions.version.ContentHash;
import io.tessera.registry.definition.DefinitionType;
import io.tessera.registryclient.DefinitionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feature services for the versioning core. A service has no tiles of its own, so no change to it
 * needs a backfill; a change to its features changes the served vector and counts as semantic.
 */
public final class FeatureServiceType implements DefinitionType<FeatureService> {

  private final RegisteredViews views;

  public FeatureServiceType(RegisteredViews views) {
    this.views = views;
  }

  @Override
  public DefinitionKind kind() {
    return DefinitionKind.SERVICE;
  }

  @Override
  public ValidationResult<FeatureService> check(String json) {
    return Definitions.checkService(json, views);
  }

  @Override
  public String name(FeatureService service) {
    return service.name();
  }

  @Override
  public String contentHash(FeatureService service) {
    return ContentHash.of(service);
  }

  @Override
  public ObjectNode toTree(FeatureService service) {
    return DefinitionJson.toTree(service);
  }

  @Override
  public FeatureService read(String storedBody) {
    return DefinitionJson.readService(storedBody).orThrow();
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
