package io.tessera.training.job;

import io.tessera.training.output.OutputTarget;
import io.tessera.training.spine.SpineInput;
import java.util.List;

/**
 * A training-data request, transport-neutral.
 *
 * @param featureService a registered feature service, or null
 * @param features references ({@code view:feature}, {@code view@3:feature}), or empty; exactly one
 *     of the two, resolved exactly as online serving resolves them ({@link FeatureResolver})
 * @param spine the rows to answer
 * @param timestampColumn the spine column holding each row's time {@code t}; values are as served
 *     at {@code t}, so windows cover {@code [t - size, t)} and nothing at or after {@code t} leaks
 * @param output where to write, or null for the configured directory and Parquet
 */
public record TrainingRequest(
    String featureService,
    List<String> features,
    SpineInput spine,
    String timestampColumn,
    OutputTarget output) {

  public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";

  public TrainingRequest {
    features = features == null ? List.of() : List.copyOf(features);
    timestampColumn =
        timestampColumn == null || timestampColumn.isBlank()
            ? DEFAULT_TIMESTAMP_COLUMN
            : timestampColumn;
  }
}
