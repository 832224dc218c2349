/**
 * Intermediate representations (IRs): the mergeable, mutable state of one aggregation function over
 * a set of events. Every IR remembers the newest event time it contains. IRs know nothing of
 * windows or tiles; the functions in {@code io.tessera.engine.function} drive them.
 */
package io.tessera.engine.ir;
