/**
 * Feature services over HTTP: {@code /api/v1/feature-services}. A service is validated against the
 * views in the store ({@link io.tessera.registry.featureservice.StoreRegisteredViews}): every view,
 * pinned version and feature it names must exist.
 */
package io.tessera.registry.featureservice;
