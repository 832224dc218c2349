/**
 * Feature views over HTTP: {@code /api/v1/feature-views}. What is particular to views (their
 * validation, hash, change classification and when a backfill is due) is in {@link
 * io.tessera.registry.view.FeatureViewType}; the rest is the shared versioning core.
 */
package io.tessera.registry.view;
