/**
 * A feature view as the engine needs it: its features (function, column, windows, default) and tile
 * resolutions, and {@link io.tessera.engine.view.ViewAggregator}, which applies all of a view's
 * functions to one array of IRs (the state a tile stores).
 */
package io.tessera.engine.view;
