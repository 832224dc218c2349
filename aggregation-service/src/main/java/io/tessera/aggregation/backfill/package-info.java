/**
 * The backfill worker: takes {@code backfill-requests} commands from Kafka (a consumer group of the
 * aggregation instances), runs each requested backfill ({@code io.tessera.backfill}) from the
 * version's batch source into the service's tile store, and publishes its progress and its end to
 * {@code backfill-status}, where serving learns that a version may serve. Refused source rows
 * become dead letters. Offsets are committed only past finished commands, so a crash redoes a
 * backfill on another instance (a backfill rewrites the same bytes).
 */
package io.tessera.aggregation.backfill;
