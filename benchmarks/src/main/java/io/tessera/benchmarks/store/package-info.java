/**
 * The ceilings of the local store: how fast this machine's Cassandra node reads a partition and
 * takes batched writes, with Kafka busy beside it. Later performance targets are judged against
 * these numbers. Run with {@code ./tessera bench store}.
 */
package io.tessera.benchmarks.store;
