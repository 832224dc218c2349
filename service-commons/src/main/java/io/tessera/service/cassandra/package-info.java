/** Cassandra wiring every service shares: the keyspace exists before any session uses it. */
package io.tessera.service.cassandra;
