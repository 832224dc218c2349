package io.tessera.aggregation.views;

import io.tessera.engine.view.ViewSpec;

/**
 * What aggregation needs of one view lineage, from its newest version.
 *
 * @param version the registry version this was built from
 * @param spec the engine's view
 * @param retentionMs how long sealed rows and manifests are kept (their TTL)
 */
public record ViewRuntime(int version, ViewSpec spec, long retentionMs) {}
