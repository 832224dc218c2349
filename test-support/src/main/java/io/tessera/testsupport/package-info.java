/**
 * Real servers for integration tests: {@link io.tessera.testsupport.RealStackTest} gives a test
 * class the Kafka broker, Cassandra node, Kinesis-API server and PostgreSQL server of the local
 * stack, started by {@code ./tessera test} or, when a test runs alone (from an IDE), started once
 * by the first test that needs them. Tests share one keyspace and isolate themselves by {@link
 * io.tessera.testsupport.UniqueNames}.
 */
package io.tessera.testsupport;
