package io.tessera.ingest.pipeline;

import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.Normalizer;
import io.tessera.ingest.normalize.Outcome;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.records.normalized.NormalizedKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The core every source shares: normalize a batch of raw events with one view version, publish the
 * normalized events and the dead letters, and return only once Kafka acknowledged all of them. A
 * source commits its position after {@link #process} returns and never before, so a crash at any
 * point re-reads (and re-publishes, under the same event ids) rather than loses.
 */
public final class IngestPipeline {

  private final Normalizer normalizer;
  private final RecordPublisher publisher;
  private final IngestMetrics metrics;
  private final String normalizedTopic;
  private final String deadLetterTopic;

  public IngestPipeline(
      Normalizer normalizer,
      RecordPublisher publisher,
      IngestMetrics metrics,
      String normalizedTopic,
      String deadLetterTopic) {
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.metrics = metrics;
    this.normalizedTopic = normalizedTopic;
    this.deadLetterTopic = deadLetterTopic;
  }

  /**
   * Normalizes and publishes {@code events}, all read for {@code view} from one kind of source.
   *
   * @throws RecordPublisher.PublishFailedException if Kafka did not acknowledge everything
   */
  public BatchResult process(CompiledView view, List<SourceEvent> events) {
    if (events.isEmpty()) {
      return BatchResult.EMPTY;
    }
    return publish(view, events, normalize(view, events));
  }

  /** The outcome of every event, in order, without publishing anything. */
  public List<Outcome> normalize(CompiledView view, List<SourceEvent> events) {
    List<Outcome> outcomes = new ArrayList<>(events.size());
    for (SourceEvent event : events) {
      outcomes.add(normalizer.normalize(view, event));
    }
    return outcomes;
  }

  /**
   * Publishes outcomes computed by {@link #normalize} and waits for the acknowledgements.
   *
   * @param source the source kind for the metrics: {@code kafka}, {@code kinesis}, {@code push},
   *     {@code replay}
   */
  public BatchResult publish(CompiledView view, String source, List<Outcome> outcomes) {
    return publish(view, source, null, outcomes, Optional.empty());
  }

  /**
   * As {@link #publish(CompiledView, String, List)}, waiting at most {@code ackTimeout} for Kafka:
   * for a caller that holds a client (push).
   *
   * @throws RecordPublisher.PublishFailedException if Kafka did not acknowledge everything in time
   */
  public BatchResult publishWithin(
      CompiledView view, String source, List<Outcome> outcomes, Duration ackTimeout) {
    return publish(view, source, null, outcomes, Optional.of(ackTimeout));
  }

  /**
   * Publishes the outcomes of {@code events} (computed by {@link #normalize}, in the same order),
   * and reports the newest normalized event time per source partition of the events.
   */
  public BatchResult publish(CompiledView view, List<SourceEvent> events, List<Outcome> outcomes) {
    if (events.size() != outcomes.size()) {
      throw new IllegalArgumentException(
          events.size() + " events, " + outcomes.size() + " outcomes");
    }
    return publish(view, events.get(0).position().kind(), events, outcomes, Optional.empty());
  }

  private BatchResult publish(
      CompiledView view,
      String source,
      List<SourceEvent> events,
      List<Outcome> outcomes,
      Optional<Duration> ackTimeout) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(outcomes.size());
    List<DeadLetter> letters = new ArrayList<>();
    int normalized = 0;
    int filtered = 0;
    for (Outcome outcome : outcomes) {
      if (outcome instanceof Outcome.Normalized n) {
        records.add(normalizedRecord(n.event()));
        normalized++;
      } else if (outcome instanceof Outcome.Rejected r) {
        records.add(deadLetterRecord(r.letter()));
        letters.add(r.letter());
      } else {
        filtered++;
      }
    }
    if (ackTimeout.isPresent()) {
      publisher.sendAllWithin(records, ackTimeout.get());
    } else {
      publisher.sendAll(records);
    }
    // Only now, every record acknowledged, may a watermark cover these event times.
    BatchResult result =
        new BatchResult(
            normalized,
            filtered,
            letters.size(),
            events == null ? Map.of() : newestEventMs(events, outcomes));
    metrics.recordBatch(view.name(), source, result);
    letters.forEach(letter -> metrics.recordDeadLetter(view.name(), source, letter.reason()));
    return result;
  }

  /**
   * Per source partition, the newest event time among the normalized outcomes: filtered events and
   * dead letters (among them {@code too_early} ones) never move a watermark.
   */
  static Map<String, Long> newestEventMs(List<SourceEvent> events, List<Outcome> outcomes) {
    Map<String, Long> newest = new HashMap<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof Outcome.Normalized n) {
        newest.merge(events.get(i).position().partition(), n.event().eventTimeMs(), Math::max);
      }
    }
    return newest;
  }

  /** Publishes a dead letter that did not come from normalizing (a replay that failed again). */
  public void publishDeadLetters(String source, List<DeadLetter> letters) {
    publisher.sendAll(letters.stream().map(this::deadLetterRecord).toList());
    letters.forEach(letter -> metrics.recordDeadLetter(letter.view(), source, letter.reason()));
  }

  private ProducerRecord<byte[], byte[]> normalizedRecord(NormalizedEvent event) {
    // The record timestamp is the source time, so that downstream freshness starts at the source.
    return new ProducerRecord<>(
        normalizedTopic,
        null,
        event.sourceTimeMs(),
        NormalizedKey.of(event).encode(),
        NormalizedEventCodec.encode(event));
  }

  private ProducerRecord<byte[], byte[]> deadLetterRecord(DeadLetter letter) {
    return new ProducerRecord<>(
        deadLetterTopic, DeadLetterCodec.key(letter), DeadLetterCodec.encode(letter));
  }
}
