/**
 * What the benchmarks read from the running processes besides latency: a service's own meters over
 * its actuator ({@link io.tessera.benchmarks.metrics.Actuator}) and the Cassandra node's count of
 * requests per client connection ({@link io.tessera.benchmarks.metrics.CassandraRequests}).
 */
package io.tessera.benchmarks.metrics;
