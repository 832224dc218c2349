package io.tessera.registryclient;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.json.Parsed;
import io.tessera.definitions.service.FeatureReference;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.validation.RegisteredViews;
import io.tessera.definitions.view.FeatureView;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The registry at one point of the topic: every version of every view and feature service, and
 * which names are deleted. Immutable; {@link RegistryClient} swaps in a new one per batch of
 * records, so a reader that holds one sees a consistent registry.
 */
public final class RegistrySnapshot {

  /** The registry before any record: no views, no services. */
  public static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), Map.of());

  private final Map<String, DefinitionHistory<FeatureView>> views;
  private final Map<String, DefinitionHistory<FeatureService>> services;

  private RegistrySnapshot(
      Map<String, DefinitionHistory<FeatureView>> views,
      Map<String, DefinitionHistory<FeatureService>> services) {
    this.views = Collections.unmodifiableMap(new TreeMap<>(views));
    this.services = Collections.unmodifiableMap(new TreeMap<>(services));
  }

  /** The newest live version of view {@code name}; empty if unknown or deleted. */
  public Optional<RegisteredDefinition<FeatureView>> latestView(String name) {
    return Optional.ofNullable(views.get(name)).flatMap(DefinitionHistory::latest);
  }

  /** Version {@code version} of view {@code name}, also when the view is deleted since. */
  public Optional<RegisteredDefinition<FeatureView>> view(String name, int version) {
    return Optional.ofNullable(views.get(name)).flatMap(history -> history.version(version));
  }

  /** The view a feature reference names: its pinned version, else the latest live one. */
  public Optional<RegisteredDefinition<FeatureView>> view(FeatureReference reference) {
    if (latestView(reference.view()).isEmpty()) {
      return Optional.empty();
    }
    return reference.version().isPresent()
        ? view(reference.view(), reference.version().getAsInt())
        : latestView(reference.view());
  }

  /** Every view ever published, deleted ones included, by name. */
  public Map<String, DefinitionHistory<FeatureView>> views() {
    return views;
  }

  /** The names of the views that are live (have a version and are not deleted). */
  public Set<String> liveViewNames() {
    return liveNames(views);
  }

  public Optional<RegisteredDefinition<FeatureService>> latestService(String name) {
    return Optional.ofNullable(services.get(name)).flatMap(DefinitionHistory::latest);
  }

  public Optional<RegisteredDefinition<FeatureService>> service(String name, int version) {
    return Optional.ofNullable(services.get(name)).flatMap(history -> history.version(version));
  }

  public Map<String, DefinitionHistory<FeatureService>> services() {
    return services;
  }

  public Set<String> liveServiceNames() {
    return liveNames(services);
  }

  /** The live views as feature-service validation sees them. */
  public RegisteredViews asRegisteredViews() {
    return new RegisteredViews() {
      @Override
      public OptionalInt latestVersion(String view) {
        return latestView(view).map(v -> OptionalInt.of(v.version())).orElse(OptionalInt.empty());
      }

      @Override
      public Optional<FeatureView> version(String view, int version) {
        return view(view, version).map(RegisteredDefinition::definition);
      }
    };
  }

  /**
   * This snapshot with {@code record} applied; the same instance when the record adds nothing (a
   * version already known, a deletion that deletes nothing new).
   *
   * @throws IllegalArgumentException if a version's definition cannot be read
   */
  RegistrySnapshot with(TopicRecord record) {
    boolean isView = record.kind() == DefinitionKind.VIEW;
    if (record instanceof VersionRecord version) {
      return isView
          ? withViews(
              update(views, version.name(), h -> h.with(read(version, DefinitionJson::readView))))
          : withServices(
              update(
                  services,
                  version.name(),
                  h -> h.with(read(version, DefinitionJson::readService))));
    }
    DeletionRecord deletion = (DeletionRecord) record;
    return isView
        ? withViews(update(views, deletion.name(), h -> h.with(deletion)))
        : withServices(update(services, deletion.name(), h -> h.with(deletion)));
  }

  private RegistrySnapshot withViews(Map<String, DefinitionHistory<FeatureView>> next) {
    return next == views ? this : new RegistrySnapshot(next, services);
  }

  private RegistrySnapshot withServices(Map<String, DefinitionHistory<FeatureService>> next) {
    return next == services ? this : new RegistrySnapshot(views, next);
  }

  private static <T> Map<String, DefinitionHistory<T>> update(
      Map<String, DefinitionHistory<T>> all,
      String name,
      Function<DefinitionHistory<T>, DefinitionHistory<T>> change) {
    DefinitionHistory<T> before = all.getOrDefault(name, DefinitionHistory.empty(name));
    DefinitionHistory<T> after = change.apply(before);
    if (after == before) {
      return all;
    }
    Map<String, DefinitionHistory<T>> next = new TreeMap<>(all);
    next.put(name, after);
    return next;
  }

  private static <T> RegisteredDefinition<T> read(
      VersionRecord record, Function<String, Parsed<T>> reader) {
    return new RegisteredDefinition<>(
        record, reader.apply(record.definition().toString()).orThrow());
  }

  private static <T> Set<String> liveNames(Map<String, DefinitionHistory<T>> all) {
    Set<String> live = new TreeSet<>();
    all.forEach(
        (name, history) -> {
          if (history.latest().isPresent()) {
            live.add(name);
          }
        });
    return Collections.unmodifiableSet(live);
  }
}
