package io.tessera.aggregation.views;

import io.tessera.engine.compaction.Compactor;
import io.tessera.engine.view.ViewSpec;

/**
 * What aggregation needs of one view: its engine spec and compactor, and its time limits.
 *
 * @param version the registry version this was built from
 * @param spec the engine's view
 * @param compactor compacts the view's entities (stateless, shared by all of them)
 * @param allowedLatenessMs tiles ending more than this before now are sealed
 * @param retentionMs event-log TTL
 */
public record ViewRuntime(
    int version, ViewSpec spec, Compactor compactor, long allowedLatenessMs, long retentionMs) {}
