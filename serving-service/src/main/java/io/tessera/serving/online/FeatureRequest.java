package io.tessera.serving.online;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One serving request, as both transports hand it over.
 *
 * @param selection which features
 * @param entities each entity's join-key values by column name, in answer order
 * @param at the request time {@code t} (windows cover {@code t - size <= eventTime < t}); null for
 *     now
 * @param allOrNothing fail the whole request when a value would be {@code unavailable}
 */
public record FeatureRequest(
    FeatureSelection selection,
    List<Map<String, String>> entities,
    Instant at,
    boolean allOrNothing) {
  public FeatureRequest {
    entities = entities == null ? List.of() : List.copyOf(entities);
  }
}
