/**
 * Online serving, transport-neutral: {@link io.tessera.serving.online.FeatureServingService}
 * answers a {@link io.tessera.serving.online.FeatureRequest} as named steps (resolve definitions,
 * validate before any I/O, plan and read every (entity, view) in parallel, merge, finish with a
 * status per value). The REST and gRPC adapters only map to and from it. Which version of a view
 * answers an unpinned request is {@link io.tessera.serving.online.ServingVersions}' decision.
 */
package io.tessera.serving.online;
