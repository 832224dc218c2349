package io.tessera.e2e;

import static org.awaitility.Awaitility.await;

import io.tessera.harness.kafka.ConsumerLag;
import io.tessera.harness.kafka.TopicFollower;
import io.tessera.harness.load.EventLedger;
import io.tessera.harness.pipeline.PipelineNames;
import io.tessera.harness.serving.FollowerPositions;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.records.normalized.NormalizedRecordCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the pipeline has done, seen from Kafka and the serving followers: which events ingest
 * normalized (a follower of the normalized topic), which were dead-lettered and why (a follower of
 * the dead-letter topic), how far the aggregation group has committed, and how far each serving
 * follower has applied the normalized topic.
 *
 * <p>{@link #awaitApplied} is the barrier that makes "exact at time t" testable while events keep
 * streaming: once every event sent before wall time {@code w} is in the normalized topic and every
 * serving follower has applied the topic past it, all of them are readable, and (by {@link
 * io.tessera.harness.load.RandomEvents#MAX_DELAY_MS}) no event sent later can change a value at
 * {@code t <= w - MAX_DELAY_MS}.
 */
final class PipelineWatch implements AutoCloseable {

  static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(120);

  private final Set<String> normalized = ConcurrentHashMap.newKeySet();
  private final Set<String> normalizedByVersion = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> tooLate = new ConcurrentHashMap<>();
  private final List<String> otherLetters = new CopyOnWriteArrayList<>();
  private final TopicFollower normalizedFollower;
  private final TopicFollower deadLetterFollower;
  private final ConsumerLag lag;

  PipelineWatch(Map<String, Object> kafka, PipelineNames names) {
    normalizedFollower =
        new TopicFollower(
            kafka,
            names.normalizedTopic(),
            record -> {
              if (NormalizedRecordCodec.decode(record.value()) instanceof NormalizedEvent event) {
                normalized.add(event.view() + '\0' + event.eventId()); // not its watermarks
                normalizedByVersion.add(
                    event.view() + '\0' + event.viewVersion() + '\0' + event.eventId());
              }
            });
    deadLetterFollower =
        new TopicFollower(
            kafka,
            names.deadLetterTopic(),
            record -> {
              DeadLetter letter = DeadLetterCodec.decode(record.value());
              if (letter.reason().equals(DeadLetterReason.TOO_LATE.code())) {
                String id = NormalizedEventCodec.decode(letter.original()).eventId();
                tooLate.computeIfAbsent(letter.view(), v -> ConcurrentHashMap.newKeySet()).add(id);
              } else {
                otherLetters.add(letter.view() + ": " + letter.reason() + " " + letter.detail());
              }
            });
    lag = new ConsumerLag(kafka, names.normalizedTopic(), names.aggregationGroup());
  }

  /**
   * Waits until everything sent before {@code wallMs} is applied by every serving follower (see
   * above).
   */
  void awaitApplied(EventLedger ledger, long wallMs, List<FollowerPositions> followers) {
    List<String> keys =
        ledger.sentBefore(wallMs).stream()
            .map(s -> s.event().view() + '\0' + s.event().eventId())
            .distinct()
            .toList();
    await("ingest normalizes every event sent before the barrier")
        .atMost(BARRIER_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> normalized.containsAll(keys));
    Map<Integer, Long> positions = normalizedFollower.positions();
    await("every serving follower applies every normalized record of the barrier")
        .atMost(BARRIER_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> followers.stream().allMatch(follower -> follower.reached(positions)));
  }

  /**
   * The same barrier for one version of {@code view}: while a semantic change is backfilled, ingest
   * normalizes each event once per fed version, and the new version replays the source behind the
   * old one.
   */
  void awaitApplied(
      EventLedger ledger,
      long wallMs,
      List<FollowerPositions> followers,
      String view,
      int version) {
    List<String> keys =
        ledger.sentBefore(wallMs).stream()
            .filter(s -> s.event().view().equals(view))
            .map(s -> view + '\0' + version + '\0' + s.event().eventId())
            .distinct()
            .toList();
    await("ingest normalizes every event sent before the barrier for " + view + " v" + version)
        .atMost(BARRIER_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> normalizedByVersion.containsAll(keys));
    Map<Integer, Long> positions = normalizedFollower.positions();
    await("every serving follower applies every normalized record of the barrier")
        .atMost(BARRIER_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> followers.stream().allMatch(follower -> follower.reached(positions)));
  }

  /** How many of the view's events ingest normalized for {@code version}, duplicates once. */
  long normalizedCount(String view, int version) {
    String prefix = view + '\0' + version + '\0';
    return normalizedByVersion.stream().filter(key -> key.startsWith(prefix)).count();
  }

  /** Ids of the view's events aggregation dead-lettered as {@code too_late}. */
  Set<String> tooLate(String view) {
    return Set.copyOf(tooLate.getOrDefault(view, Set.of()));
  }

  /** Dead letters for any other reason: none are expected. */
  List<String> otherLetters() {
    return List.copyOf(otherLetters);
  }

  ConsumerLag lag() {
    return lag;
  }

  @Override
  public void close() {
    normalizedFollower.close();
    deadLetterFollower.close();
    lag.close();
  }
}
