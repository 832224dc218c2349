/**
 * The training module ({@code io.tessera.training}) hosted by serving: the endpoint {@code
 * /api/v1/training-data} ({@link io.tessera.serving.training.TrainingDataController}, mapping the
 * body to a request and the module's refusals to problem+json), its settings ({@code
 * tessera.serving.training.*}, {@code tessera.batch.jdbc.*}) and the thin adapters that answer the
 * module's ports with serving's own code: {@link
 * io.tessera.serving.training.ServingFeatureResolver} (a selection resolved as online requests
 * resolve it) and {@link io.tessera.serving.training.FollowerServedReads} (the follower's reads, so
 * a training value is serving's value at {@code t}). No training logic lives here; the sweep still
 * runs in this process, on its own threads.
 */
package io.tessera.serving.training;
