/**
 * The online-serving benchmark: the benchmark view loaded straight into the Cassandra
 * store, the real serving-service jar started as a process beside it, and an open-loop load
 * generator measuring REST and gRPC single and batch gets from each request's intended send time.
 * Run with {@code ./tessera bench serving}; results in {@code docs/benchmarks/serving.md}.
 */
package io.tessera.benchmarks.serving;
