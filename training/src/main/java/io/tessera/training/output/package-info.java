/**
 * What a job writes: one column per feature and window, named as online serving names the value
 * ({@link io.tessera.training.output.FeatureColumn}), appended by spine row and joined back onto
 * the spine, written as CSV or Parquet under a temporary name and moved into place ({@link
 * io.tessera.training.output.TrainingOutput}, {@link io.tessera.training.output.OutputTarget}).
 */
package io.tessera.training.output;
