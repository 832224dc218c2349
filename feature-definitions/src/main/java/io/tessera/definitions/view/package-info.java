/**
 * The feature view: what a data team declares to get features computed from a stream. A view names
 * its entity, its stream source and optional batch source, the payload schema, event time and id, a
 * row-level transformation, the features, and the tiling and retention settings. Values only;
 * validation lives in {@code validation}, JSON in {@code json}.
 */
package io.tessera.definitions.view;
