package io.tessera.registry;

import io.tessera.testsupport.UniqueNames;
import java.util.Map;

/**
 * Topic names of a test's own, so that tests running at once on the shared broker never see each
 * other's definitions or backfills (and no worker of a running stack takes a test's backfill).
 */
final class RegistryTopics {

  private RegistryTopics() {}

  /** The registry's three topic properties, each a unique name starting with {@code prefix}. */
  static Map<String, String> unique(String prefix) {
    return Map.of(
        "tessera.registry.topic", UniqueNames.of(prefix),
        "tessera.registry.backfill-requests-topic", UniqueNames.of(prefix + "_backfill_requests"),
        "tessera.registry.backfill-status-topic", UniqueNames.of(prefix + "_backfill_status"));
  }
}
