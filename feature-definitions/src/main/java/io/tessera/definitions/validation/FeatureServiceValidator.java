package io.tessera.definitions.validation;

import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.service.FeatureReference;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.view.FeatureView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Checks a feature service against the registered views: every referenced view, pinned version and
 * feature must exist. An unpinned reference is checked against the latest version.
 */
public final class FeatureServiceValidator {

  private FeatureServiceValidator() {}

  /** Every problem of {@code service}; empty when it is valid. */
  public static List<Problem> validate(FeatureService service, RegisteredViews views) {
    List<Problem> problems = new ArrayList<>();
    if (!Names.isValid(service.name())) {
      problems.add(new Problem("$.name", Names.invalid("feature service", service.name())));
    }
    if (service.features().isEmpty()) {
      problems.add(
          new Problem("$.features", "name at least one feature, such as \"view:feature\""));
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < service.features().size(); i++) {
      FeatureReference reference = service.features().get(i);
      String path = "$.features[" + i + "]";
      Integer first = seen.putIfAbsent(reference.toString(), i);
      if (first != null) {
        problems.add(
            new Problem(
                path, "'" + reference + "' is listed twice (also at $.features[" + first + "])"));
        continue;
      }
      checkReference(reference, views, path).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<Problem> checkReference(
      FeatureReference reference, RegisteredViews views, String path) {
    OptionalInt latest = views.latestVersion(reference.view());
    if (latest.isEmpty()) {
      return Optional.of(
          new Problem(path, "no view named '" + reference.view() + "' is registered"));
    }
    int version = reference.version().orElse(latest.getAsInt());
    Optional<FeatureView> view = views.version(reference.view(), version);
    if (view.isEmpty()) {
      return Optional.of(
          new Problem(
              path,
              "view '"
                  + reference.view()
                  + "' has no version "
                  + version
                  + " (its latest is "
                  + latest.getAsInt()
                  + ")"));
    }
    if (view.get().feature(reference.feature()).isEmpty()) {
      return Optional.of(
          new Problem(
              path,
              "version "
                  + version
                  + " of view '"
                  + reference.view()
                  + "' has no feature '"
                  + reference.feature()
                  + "' (it has: "
                  + view.get().features().stream()
                      .map(FeatureSpec::name)
                      .collect(Collectors.joining(", "))
                  + ")"));
    }
    return Optional.empty();
  }
}
