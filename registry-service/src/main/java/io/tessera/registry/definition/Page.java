package io.tessera.registry.definition;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param total how many match, on all pages
 */
public record Page<T>(List<T> items, int page, int size, int total) {

  public Page {
    items = List.copyOf(items);
  }
}
