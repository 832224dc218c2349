/**
 * The dead-letter topic as the owner writes it: records that can never be applied (too late,
 * poison, of a view the registry never delivered), with their reason and original bytes.
 */
package io.tessera.aggregation.deadletter;
