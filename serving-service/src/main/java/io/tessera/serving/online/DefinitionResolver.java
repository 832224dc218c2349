package io.tessera.serving.online;

import io.tessera.definitions.service.FeatureReference;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistrySnapshot;
import io.tessera.streamcore.read.ResolvedFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The first step: a selection to the features and view versions that answer it, from one registry
 * snapshot (so one request never mixes two registry states). Every problem is collected before
 * failing, so a caller fixes them all at once.
 */
public final class DefinitionResolver {
  private final Supplier<RegistrySnapshot> registry;
  private final ServingVersions servingVersions;
  private final ViewPlans plans;

  public DefinitionResolver(
      Supplier<RegistrySnapshot> registry, ServingVersions servingVersions, ViewPlans plans) {
    this.registry = registry;
    this.servingVersions = servingVersions;
    this.plans = plans;
  }

  public List<ResolvedFeature> resolve(FeatureSelection selection) {
    RegistrySnapshot snapshot = registry.get();
    List<String> errors = new ArrayList<>();
    List<FeatureReference> references = references(snapshot, selection, errors);
    List<ResolvedFeature> resolved = new ArrayList<>();
    for (FeatureReference reference : references) {
      resolve(snapshot, reference, errors).ifPresent(resolved::add);
    }
    if (!errors.isEmpty()) {
      throw ServingException.invalid(errors);
    }
    return resolved;
  }

  private List<FeatureReference> references(
      RegistrySnapshot snapshot, FeatureSelection selection, List<String> errors) {
    boolean hasService =
        selection.featureService() != null && !selection.featureService().isBlank();
    if (hasService == !selection.references().isEmpty()) {
      throw ServingException.invalid(
          List.of("name either a featureService or a list of features (view:feature), not both"));
    }
    if (hasService) {
      Optional<RegisteredDefinition<FeatureService>> service =
          snapshot.latestService(selection.featureService());
      if (service.isEmpty()) {
        throw new ServingException(
            ServingException.Kind.NOT_FOUND,
            "Unknown feature service",
            "no live feature service '" + selection.featureService() + "'",
            List.of());
      }
      return service.get().definition().features();
    }
    List<FeatureReference> parsed = new ArrayList<>();
    for (String text : selection.references()) {
      try {
        parsed.add(FeatureReference.parse(text));
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    return parsed;
  }

  private Optional<ResolvedFeature> resolve(
      RegistrySnapshot snapshot, FeatureReference reference, List<String> errors) {
    DefinitionHistory<FeatureView> history = snapshot.views().get(reference.view());
    OptionalInt serving = servingVersions.servingVersion(history);
    if (serving.isEmpty()) {
      errors.add("'" + reference + "': no live feature view '" + reference.view() + "'");
      return Optional.empty();
    }
    int version = reference.version().orElse(serving.getAsInt());
    Optional<RegisteredDefinition<FeatureView>> definition = history.version(version);
    if (definition.isEmpty()) {
      errors.add("'" + reference + "': view '" + reference.view() + "' has no version " + version);
      return Optional.empty();
    }
    return definition
        .get()
        .definition()
        .feature(reference.feature())
        .map(
            feature ->
                new ResolvedFeature(
                    reference.toString(), plans.of(history, definition.get()), feature))
        .or(
            () -> {
              errors.add(
                  "'"
                      + reference
                      + "': version "
                      + version
                      + " of view '"
                      + reference.view()
                      + "' has no feature '"
                      + reference.feature()
                      + "'");
              return Optional.empty();
            });
  }
}
