/**
 * Random event streams into the real sources: {@link io.tessera.harness.load.RandomEvents} draws
 * events (on time, out of order, late within the allowed lateness, duplicated, too late), a {@link
 * io.tessera.harness.load.EventSink} writes them to a Kafka topic or a Kinesis stream, {@link
 * io.tessera.harness.load.StreamDriver} paces them open-loop (bursts included) and records every
 * send in an {@link io.tessera.harness.load.EventLedger} for the oracle.
 */
package io.tessera.harness.load;
