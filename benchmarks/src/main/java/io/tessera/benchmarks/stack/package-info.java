/**
 * The stack every benchmark measures: the four services as their exec jars with the production JVM
 * flags, with serving as a follower, on the local Kafka and Cassandra, with topics and storage
 * tables of the run's own ({@link io.tessera.benchmarks.stack.BenchmarkStack}).
 */
package io.tessera.benchmarks.stack;
