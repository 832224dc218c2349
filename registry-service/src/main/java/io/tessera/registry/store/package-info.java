/**
 * Where definitions live: Cassandra, through Spring Data Cassandra's {@code CqlOperations}. {@link
 * io.tessera.registry.store.DefinitionStore} owns the two tables (every immutable version, and a
 * per-name pointer with the latest version and the deletion state) and their CQL.
 */
package io.tessera.registry.store;
