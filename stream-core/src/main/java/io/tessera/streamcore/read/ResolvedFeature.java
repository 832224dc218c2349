package io.tessera.streamcore.read;

import io.tessera.definitions.feature.FeatureSpec;

/**
 * One requested feature, bound to the view version that answers it.
 *
 * @param reference the reference as requested ({@code view:feature} or {@code view@3:feature})
 * @param plan the view version
 * @param feature the feature's definition in that version
 */
public record ResolvedFeature(String reference, ViewPlan plan, FeatureSpec feature) {}
