/**
 * Micrometer meters of the aggregation-service: events by outcome, freshness per view (histogram),
 * partition lag, compaction delay, pending backlog and write latencies.
 */
package io.tessera.aggregation.metrics;
