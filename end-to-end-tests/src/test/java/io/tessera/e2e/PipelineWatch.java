package io.tessera.e2e;

import static org.awaitility.Awaitility.await;

import io.tessera.e2e.kafka.ConsumerLag;
import io.tessera.e2e.kafka.TopicFollower;
import io.tessera.e2e.load.EventLedger;
import io.tessera.e2e.pipeline.PipelineNames;
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
 * What the pipeline has done, seen from Kafka: which events ingest normalized (a follower of the
 * normalized topic), which were dead-lettered and why (a follower of the dead-letter topic), and
 * how far the aggregation group has committed.
 *
 * <p>{@link #awaitApplied} is the barrier that makes "exact at time t" testable while events keep
 * streaming: the aggregation-service commits a normalized-topic offset only after the Cassandra
 * writes of the records before it are acknowledged, so once every event sent before wall time
 * {@code w} is in the normalized topic and the group has committed past it, all of them are in the
 * store, and (by {@link io.tessera.e2e.load.RandomEvents#MAX_DELAY_MS}) no event sent later can
 * change a value at {@code t <= w - MAX_DELAY_MS}.
 */
final class PipelineWatch implements AutoCloseable {

  static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(120);

  private final Set<String> normalized = ConcurrentHashMap.newKeySet();
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
              // Watermark records share the topic; only events are counted here.
              if (NormalizedRecordCodec.decode(record.value()) instanceof NormalizedEvent event) {
                normalized.add(event.view() + '\0' + event.eventId());
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

  /** Waits until everything sent before {@code wallMs} is applied to the store (see above). */
  void awaitApplied(EventLedger ledger, long wallMs) {
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
    await("aggregation commits past every normalized record of the barrier")
        .atMost(BARRIER_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> lag.hasCommitted(positions));
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
