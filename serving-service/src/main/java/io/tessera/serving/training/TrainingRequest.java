package io.tessera.serving.training;

import io.tessera.serving.online.FeatureSelection;

/**
 * A training-data request, transport-neutral.
 *
 * @param selection which features, resolved exactly as online serving resolves them
 * @param spine the rows to answer
 * @param timestampColumn the spine column holding each row's time {@code t}; values are as served
 *     at {@code t}, so windows cover {@code [t - size, t)} and nothing at or after {@code t} leaks
 * @param output where to write, or null for the configured directory and Parquet
 */
public record TrainingRequest(
    FeatureSelection selection, SpineInput spine, String timestampColumn, OutputTarget output) {

  public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";

  public TrainingRequest {
    timestampColumn =
        timestampColumn == null || timestampColumn.isBlank()
            ? DEFAULT_TIMESTAMP_COLUMN
            : timestampColumn;
  }
}
