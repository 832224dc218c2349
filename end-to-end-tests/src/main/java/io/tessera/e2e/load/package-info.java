/**
 * Random event streams into the real sources: {@link io.tessera.e2e.load.RandomEvents} draws events
 * (on time, out of order, late within the allowed lateness, duplicated, too late), a {@link
 * io.tessera.e2e.load.EventSink} writes them to a Kafka topic or a Kinesis stream, {@link
 * io.tessera.e2e.load.StreamDriver} paces them open-loop (bursts included) and records every send
 * in an {@link io.tessera.e2e.load.EventLedger} for the oracle.
 */
package io.tessera.e2e.load;
