package io.tessera.registryclient;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every published version of one name, and its newest deletion marker. Immutable.
 *
 * @param name the definition's name
 * @param versions by version number
 * @param deletion the newest deletion marker, if any
 * @param <T> the definition type
 */
public record DefinitionHistory<T>(
    String name,
    NavigableMap<Integer, RegisteredDefinition<T>> versions,
    Optional<DeletionRecord> deletion) {

  public DefinitionHistory {
    Objects.requireNonNull(name, "name");
    versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    Objects.requireNonNull(deletion, "deletion");
  }

  static <T> DefinitionHistory<T> empty(String name) {
    return new DefinitionHistory<>(name, new TreeMap<>(), Optional.empty());
  }

  /** The highest deleted version; 0 when the name was never deleted. */
  public int deletedThroughVersion() {
    return deletion.map(DeletionRecord::throughVersion).orElse(0);
  }

  /** The newest version if it is live (not deleted); empty for a deleted name. */
  public Optional<RegisteredDefinition<T>> latest() {
    if (versions.isEmpty() || versions.lastKey() <= deletedThroughVersion()) {
      return Optional.empty();
    }
    return Optional.of(versions.lastEntry().getValue());
  }

  /** Version {@code version}, deleted or not: history stays after a deletion. */
  public Optional<RegisteredDefinition<T>> version(int version) {
    return Optional.ofNullable(versions.get(version));
  }

  /** Whether the name is deleted: no version newer than its deletion marker exists. */
  public boolean isDeleted() {
    return latest().isEmpty() && deletion.isPresent();
  }

  /** The versions, oldest first. */
  public List<RegisteredDefinition<T>> all() {
    return List.copyOf(versions.values());
  }

  /** This history with {@code added}; the same instance if that version is already known. */
  DefinitionHistory<T> with(RegisteredDefinition<T> added) {
    if (versions.containsKey(added.version())) {
      return this;
    }
    TreeMap<Integer, RegisteredDefinition<T>> more = new TreeMap<>(versions);
    more.put(added.version(), added);
    return new DefinitionHistory<>(name, more, deletion);
  }

  /** This history with {@code marker}; the same instance if it deletes nothing new. */
  DefinitionHistory<T> with(DeletionRecord marker) {
    if (marker.throughVersion() <= deletedThroughVersion()) {
      return this;
    }
    return new DefinitionHistory<>(name, versions, Optional.of(marker));
  }
}
