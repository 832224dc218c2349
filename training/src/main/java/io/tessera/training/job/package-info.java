/**
 * Training-data jobs (offline retrieval): for a spine of (entity keys, timestamp) rows, every
 * selected feature as serving would have answered it at that timestamp, written as CSV or Parquet.
 *
 * <p>{@link io.tessera.training.job.TrainingJobs} accepts a {@link
 * io.tessera.training.job.TrainingRequest}: the selection is resolved through the port {@link
 * io.tessera.training.job.FeatureResolver} (exactly as online serving resolves it), the spine
 * loaded and checked, all before the answer, so a bad request is refused with every problem ({@link
 * io.tessera.training.job.TrainingRequestException}) and a full queue before any work ({@link
 * io.tessera.training.job.TrainingQueueFullException}). Each {@link
 * io.tessera.training.job.TrainingJob} then runs the sweep on the job thread. Jobs live in the
 * host's memory; the host maps these types to its transport.
 */
package io.tessera.training.job;
