/**
 * The feature views as aggregation sees them: the registry client's snapshot translated to the
 * engine's view specs, the lineages the owner applies, finest resolutions and retention.
 */
package io.tessera.aggregation.views;
