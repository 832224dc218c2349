package io.tessera.serving.training;

import io.tessera.serving.online.DefinitionResolver;
import io.tessera.serving.online.FeatureSelection;
import io.tessera.serving.online.ServingException;
import io.tessera.streamcore.read.ResolvedFeature;
import io.tessera.training.job.FeatureResolver;
import io.tessera.training.job.TrainingRequestException;
import java.util.List;

/**
 * The training module's selection resolved by online serving's {@link DefinitionResolver}: the same
 * registry snapshot, serving versions and errors, which keep their titles and problems.
 *
 * @param resolver online serving's resolution
 */
record ServingFeatureResolver(DefinitionResolver resolver) implements FeatureResolver {

  @Override
  public List<ResolvedFeature> resolve(String featureService, List<String> references) {
    try {
      return resolver.resolve(new FeatureSelection(featureService, references));
    } catch (ServingException e) {
      TrainingRequestException.Kind kind =
          switch (e.kind()) {
            case INVALID -> TrainingRequestException.Kind.INVALID;
            case NOT_FOUND -> TrainingRequestException.Kind.NOT_FOUND;
            case UNAVAILABLE -> throw e; // resolving reads no store: never thrown here
          };
      throw new TrainingRequestException(kind, e.title(), e.getMessage(), e.errors());
    }
  }
}
