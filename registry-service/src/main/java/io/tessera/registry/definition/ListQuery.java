package io.tessera.registry.definition;

import java.util.Map;
import java.util.Optional;

/**
 * Which live definitions to list.
 *
 * @param owner only those with exactly this owner
 * @param tags only those carrying every one of these tags with these values
 * @param page counted from 0
 * @param size at most this many per page
 */
public record ListQuery(Optional<String> owner, Map<String, String> tags, int page, int size) {

  /** Bounds the page size: a page is built in memory. */
  public static final int MAX_SIZE = 500;

  public ListQuery {
    tags = Map.copyOf(tags);
    if (page < 0) {
      throw new IllegalArgumentException("page counts from 0, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE + ", was " + size);
    }
  }
}
