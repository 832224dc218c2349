package io.tessera.serving.online;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.plan.AsyncViewReader;

/**
 * One view version ready to read: its definition, the storage name of its tiles and the engine's
 * reader for it (built once per version, reused by every request).
 */
public record ViewPlan(
    String view, int version, FeatureView definition, String storageName, AsyncViewReader reader) {}
