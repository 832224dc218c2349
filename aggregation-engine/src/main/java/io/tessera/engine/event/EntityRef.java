package io.tessera.engine.event;

import java.util.Objects;

/**
 * The unit of storage and reads: one entity of one feature view (the normalized topic's key).
 *
 * @param view the feature view name
 * @param entityKey the entity key, such as a user id
 */
public record EntityRef(String view, String entityKey) {
  public EntityRef {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(entityKey, "entityKey");
  }
}
