/**
 * Backfills from the registry's side. A view version whose tiles need computing has its backfill
 * started when it is registered ({@link io.tessera.registry.backfill.BackfillLauncher}), and again
 * by {@link io.tessera.registry.backfill.BackfillReconciler} if a crash lost that start. Anyone
 * with scope {@code write} may start one over a range, or cancel one, at {@code
 * /api/v1/feature-views/{name}/backfills}. The registry only asks: workers of the aggregation
 * service take the commands from the {@code backfill-requests} topic and report on the compacted
 * {@code backfill-status} topic, which {@link io.tessera.registry.backfill.BackfillStatuses} reads
 * into memory for the read endpoints.
 */
package io.tessera.registry.backfill;
