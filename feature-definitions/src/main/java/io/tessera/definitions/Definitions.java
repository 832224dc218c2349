package io.tessera.definitions;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.json.Parsed;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.validation.FeatureServiceValidator;
import io.tessera.definitions.validation.FeatureViewValidator;
import io.tessera.definitions.validation.Problem;
import io.tessera.definitions.validation.RegisteredViews;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and checks definitions submitted as JSON, reporting every problem at once: the structural
 * ones found while reading and the semantic ones found by the validators, minus those that only
 * repeat a structural problem.
 */
public final class Definitions {

  private Definitions() {}

  /** A valid view with defaults filled in, or every problem of {@code json}. */
  public static ValidationResult<FeatureView> checkView(String json) {
    return check(DefinitionJson.readView(json), FeatureViewValidator::validate);
  }

  /** A valid feature service, or every problem of {@code json} against {@code views}. */
  public static ValidationResult<FeatureService> checkService(String json, RegisteredViews views) {
    return check(
        DefinitionJson.readService(json),
        service -> FeatureServiceValidator.validate(service, views));
  }

  private static <T> ValidationResult<T> check(
      Parsed<T> parsed, Function<T, List<Problem>> validator) {
    if (parsed.value().isEmpty()) {
      return new ValidationResult.Invalid<>(parsed.problems());
    }
    List<Problem> problems = new ArrayList<>(parsed.problems());
    for (Problem problem : validator.apply(parsed.value().get())) {
      if (!parsed.isSuppressed(problem)) {
        problems.add(problem);
      }
    }
    return ValidationResult.of(parsed.value().get(), problems);
  }
}
