/**
 * Consuming the normalized topic: the consumer loop (one thread; poll, append, compact, commit),
 * the per-poll appender (de-duplication, too-late dead letters, asynchronous writes) and the
 * in-memory state of the entities this instance owns.
 */
package io.tessera.aggregation.consume;
