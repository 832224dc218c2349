package io.tessera.training.job;

import io.tessera.streamcore.read.ResolvedFeature;
import java.util.List;

/**
 * The port that says which features a training request selects: a feature service or references
 * ({@code view:feature}, pinned {@code view@3:feature}), resolved to the view versions that answer
 * them exactly as online serving resolves them (serving versions, the backfill switch, the same
 * errors), so that a training column is the value serving returns for the same selection.
 */
public interface FeatureResolver {

  /**
   * The selected features, in serving's order.
   *
   * @param featureService a registered feature service, or null
   * @param references the references as written, or empty; exactly one of the two is given
   * @throws TrainingRequestException INVALID with every problem, or NOT_FOUND for an unknown
   *     feature service
   */
  List<ResolvedFeature> resolve(String featureService, List<String> references);
}
