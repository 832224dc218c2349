package io.tessera.registry.definition;

import io.tessera.definitions.validation.Problem;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.version.CanonicalJson;
import io.tessera.definitions.version.Change;
import io.tessera.definitions.version.ChangeKind;
import io.tessera.registry.publish.DefinitionPublisher;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.store.NameState;
import io.tessera.registry.store.StoredVersion;
import io.tessera.registryclient.DeletionRecord;
import io.tessera.registryclient.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Registers, reads, lists and deletes the definitions of one kind. Every write is stored durably
 * first and then published, waiting for the broker; if publishing fails the version stays stored
 * and the reconciler publishes it later.
 *
 * @param <T> {@code FeatureView} or {@code FeatureService}
 */
public final class DefinitionRegistry<T> {

  /** Enough for any realistic burst of concurrent writes to one name. */
  private static final int MAX_ATTEMPTS = 16;

  private final DefinitionType<T> type;
  private final DefinitionStore store;
  private final DefinitionPublisher publisher;
  private final VersionListener listener;
  private final Clock clock;

  /**
   * @param listener told of each new version once the topic has it
   */
  public DefinitionRegistry(
      DefinitionType<T> type,
      DefinitionStore store,
      DefinitionPublisher publisher,
      VersionListener listener,
      Clock clock) {
    this.type = type;
    this.store = store;
    this.publisher = publisher;
    this.listener = listener;
    this.clock = clock;
  }

  public DefinitionType<T> type() {
    return type;
  }

  /**
   * Stores {@code body} as the new version of its name, or finds it equal to the latest.
   *
   * @param pathName the name in the URL
   * @throws MalformedDefinitionException if the body is not JSON
   * @throws DefinitionRejectedException with every problem, if it is not valid
   */
  public Registration register(String pathName, String body, String principal) {
    T definition = valid(pathName, body);
    String name = type.name(definition);
    String hash = type.contentHash(definition);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      VersionPlan plan = plan(name, definition, hash);
      if (!plan.createsVersion()) {
        return new Registration(
            store.version(type.kind(), name, plan.version()).orElseThrow(), plan);
      }
      StoredVersion version =
          new StoredVersion(
              type.kind(),
              name,
              plan.version(),
              CanonicalJson.write(type.toTree(definition)),
              hash,
              plan.changeKind(),
              plan.backfillDue(),
              principal,
              Instant.now(clock));
      if (store.insert(version)) {
        store.updateLatest(version);
        // Only once the topic has it: what follows a version (its backfill) must not reach the
        // workers before the version does. Otherwise the reconcilers publish both, in that order.
        if (publisher.publish(version.toRecord())) {
          listener.published(version);
        }
        return new Registration(version, plan);
      }
      // Another writer took this version number; look again.
    }
    throw new RegistrationConflictException(
        "version numbers of '" + name + "' kept being taken by concurrent writes; retry");
  }

  /** What registering {@code body} would do, or every problem; changes nothing. */
  public Validation validate(String pathName, String body) {
    Checked<T> checked = check(pathName, body);
    if (checked.value().isEmpty()) {
      return new Validation(pathName, checked.problems(), Optional.empty());
    }
    T definition = checked.value().get();
    String name = type.name(definition);
    return new Validation(
        name, List.of(), Optional.of(plan(name, definition, type.contentHash(definition))));
  }

  /** The latest live version, or version {@code version} (also of a deleted name). */
  public StoredVersion get(String name, OptionalInt version) {
    if (version.isPresent()) {
      return store
          .version(type.kind(), name, version.getAsInt())
          .orElseThrow(() -> notFound(name, "has no version " + version.getAsInt()));
    }
    return live(name)
        .orElseThrow(
            () ->
                notFound(
                    name,
                    store.newest(type.kind(), name).isPresent()
                        ? "is deleted (its versions stay readable with ?version=N)"
                        : "is not registered"));
  }

  /** Every version of {@code name}, newest first. */
  public History history(String name) {
    List<StoredVersion> versions = store.versions(type.kind(), name);
    if (versions.isEmpty()) {
      throw notFound(name, "is not registered");
    }
    return new History(name, versions, deletedThrough(name));
  }

  /** The live names matching {@code query}, by name. */
  public Page<NameState> list(ListQuery query) {
    List<NameState> matching =
        store.states(type.kind()).stream()
            .filter(NameState::isLive)
            .filter(s -> query.owner().map(owner -> owner.equals(s.owner())).orElse(true))
            .filter(s -> s.tags().entrySet().containsAll(query.tags().entrySet()))
            .toList();
    int from = (int) Math.min((long) query.page() * query.size(), matching.size());
    int to = Math.min(from + query.size(), matching.size());
    return new Page<>(matching.subList(from, to), query.page(), query.size(), matching.size());
  }

  /**
   * Deletes every version up to the latest: serving stops answering for the name, its history
   * stays. Deleting a deleted name changes nothing and returns the existing deletion.
   */
  public DeletionRecord delete(String name, String principal) {
    Optional<StoredVersion> live = live(name);
    if (live.isEmpty()) {
      return store
          .state(type.kind(), name)
          .flatMap(NameState::deletion)
          .orElseThrow(() -> notFound(name, "is not registered"));
    }
    DeletionRecord deletion =
        new DeletionRecord(type.kind(), name, live.get().version(), principal, Instant.now(clock));
    store.markDeleted(
        type.kind(), name, deletion.throughVersion(), principal, deletion.deletedAt());
    publisher.publish(deletion);
    return deletion;
  }

  private T valid(String pathName, String body) {
    Checked<T> checked = check(pathName, body);
    return checked.value().orElseThrow(() -> new DefinitionRejectedException(checked.problems()));
  }

  /** The name reconciled with the URL, then the definition's own checks: all problems at once. */
  private Checked<T> check(String pathName, String body) {
    Submission submission = Submission.of(pathName, body);
    ValidationResult<T> result = type.check(submission.json());
    List<Problem> problems = new ArrayList<>(submission.problems());
    problems.addAll(result.problems());
    return problems.isEmpty() && result instanceof ValidationResult.Valid<T> valid
        ? new Checked<>(List.of(), Optional.of(valid.value()))
        : new Checked<>(problems, Optional.empty());
  }

  /** Every problem, or the valid definition. */
  private record Checked<T>(List<Problem> problems, Optional<T> value) {}

  private VersionPlan plan(String name, T definition, String hash) {
    Optional<StoredVersion> newest = store.newest(type.kind(), name);
    Optional<StoredVersion> live = newest.filter(v -> v.version() > deletedThrough(name));
    if (live.isPresent() && live.get().contentHash().equals(hash)) {
      return new VersionPlan(
          live, false, live.get().version(), ChangeKind.NONE.name(), List.of(), false);
    }
    if (newest.isEmpty()) {
      boolean backfill =
          type.backfillDue(Optional.empty(), definition, new Change(ChangeKind.NONE, List.of()));
      return new VersionPlan(newest, true, 1, VersionRecord.CREATED, List.of(), backfill);
    }
    T previous = type.read(newest.get().body());
    Change change = type.classify(previous, definition);
    return new VersionPlan(
        newest,
        true,
        newest.get().version() + 1,
        change.kind().name(),
        change.paths(),
        type.backfillDue(Optional.of(previous), definition, change));
  }

  private Optional<StoredVersion> live(String name) {
    return store.newest(type.kind(), name).filter(v -> v.version() > deletedThrough(name));
  }

  private int deletedThrough(String name) {
    return store.state(type.kind(), name).map(NameState::deletedThroughVersion).orElse(0);
  }

  private DefinitionNotFoundException notFound(String name, String what) {
    return new DefinitionNotFoundException(
        type.kind().wireName() + " '" + Objects.requireNonNull(name) + "' " + what);
  }
}
