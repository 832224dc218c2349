/**
 * The harness that runs Tessera end to end on the real stack: the services' runnable jars as
 * separate processes ({@code process}), one pipeline of them with per-run topics ({@code
 * pipeline}), random event streams into Kafka and Kinesis ({@code load}) and what the tests learn
 * from Kafka itself: consumer lag, topic tails ({@code kafka}). The integration tests and the
 * benchmarks share it.
 */
package io.tessera.harness;
