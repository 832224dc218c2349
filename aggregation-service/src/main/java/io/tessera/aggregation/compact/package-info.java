/**
 * Compaction passes: the engine's compactor driven for dirty entities on a short timer and for idle
 * ones until their tiles are sealed, with writes applied in the engine's order.
 */
package io.tessera.aggregation.compact;
