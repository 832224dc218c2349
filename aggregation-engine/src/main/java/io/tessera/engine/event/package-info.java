/**
 * Normalized events as the engine sees them, and the one order (event time, event id) that
 * first/last, the {@code _n} functions and canonical tile recomputation rely on.
 */
package io.tessera.engine.event;
