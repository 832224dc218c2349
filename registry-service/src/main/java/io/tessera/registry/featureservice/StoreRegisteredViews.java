package io.tessera.registry.featureservice;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.validation.RegisteredViews;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.store.NameState;
import io.tessera.registryclient.DefinitionKind;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The live views as the store has them: a deleted view counts as not registered, so a service
 * cannot name it; a pinned version of a live view may be any of its versions.
 */
public final class StoreRegisteredViews implements RegisteredViews {

  private final DefinitionStore store;

  public StoreRegisteredViews(DefinitionStore store) {
    this.store = store;
  }

  @Override
  public OptionalInt latestVersion(String view) {
    int deletedThrough =
        store.state(DefinitionKind.VIEW, view).map(NameState::deletedThroughVersion).orElse(0);
    return store
        .newest(DefinitionKind.VIEW, view)
        .filter(v -> v.version() > deletedThrough)
        .map(v -> OptionalInt.of(v.version()))
        .orElse(OptionalInt.empty());
  }

  @Override
  public Optional<FeatureView> version(String view, int version) {
    return store
        .version(DefinitionKind.VIEW, view, version)
        .map(stored -> DefinitionJson.readView(stored.body()).orThrow());
  }
}
