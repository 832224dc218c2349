/**
 * The read plan (DESIGN.md "Read plan, by example") and its execution: which tiles at which
 * resolutions and which raw edge events make up each window of a view at time {@code t}, and the
 * merge that turns them into exact feature values.
 */
package io.tessera.engine.plan;
