package io.tessera.ingest.normalize;

import io.tessera.definitions.transform.NormalizedRow;
import io.tessera.definitions.transform.TransformResult;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns one raw event into a normalized event, a filtered event or a dead letter, the same way for
 * every source (Kafka, Kinesis, push, dead-letter replay): size check, JSON decoding, the view's
 * compiled transformation, then the entity key, event time and event id. Stateless and thread-safe.
 */
public final class Normalizer {

  private final int maxPayloadBytes;
  private final InstantSource clock;

  /**
   * @param maxPayloadBytes larger payloads are dead-lettered as {@code too_large}; also bounds the
   *     original bytes a dead letter keeps, so a dead letter always fits in a Kafka record
   */
  public Normalizer(int maxPayloadBytes, InstantSource clock) {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be positive");
    }
    this.maxPayloadBytes = maxPayloadBytes;
    this.clock = clock;
  }

  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  public Outcome normalize(CompiledView view, SourceEvent event) {
    byte[] payload = event.payload();
    if (payload.length > maxPayloadBytes) {
      // Only the head is kept: the whole payload could exceed the dead-letter topic's record size.
      return reject(
          view,
          event,
          DeadLetterReason.TOO_LARGE,
          "payload of "
              + payload.length
              + " bytes exceeds the limit of "
              + maxPayloadBytes
              + "; the dead letter keeps its first "
              + maxPayloadBytes
              + " bytes",
          Arrays.copyOf(payload, maxPayloadBytes));
    }
    Map<String, Object> fields;
    try {
      fields = PayloadDecoder.decode(payload);
    } catch (IllegalArgumentException e) {
      return reject(view, event, DeadLetterReason.MALFORMED_PAYLOAD, e.getMessage(), payload);
    }
    TransformResult result = view.transformation().apply(fields);
    if (result instanceof TransformResult.Failed failed) {
      DeadLetterReason reason =
          DeadLetterReason.fromCode(failed.reason().code())
              .orElseThrow(() -> new IllegalStateException("no dead-letter reason " + failed));
      return reject(view, event, reason, failed.detail(), payload);
    }
    if (result instanceof TransformResult.Filtered) {
      return new Outcome.Filtered();
    }
    NormalizedRow row = ((TransformResult.Success) result).row();
    return new Outcome.Normalized(
        new NormalizedEvent(
            view.name(),
            view.version(),
            EntityKeys.encode(row.entityKey()),
            row.eventTimeMs(),
            row.eventId().orElseGet(() -> EventIds.derive(event.position())),
            event.sourceTimeMs(),
            row.values()));
  }

  private Outcome reject(
      CompiledView view,
      SourceEvent event,
      DeadLetterReason reason,
      String detail,
      byte[] original) {
    return new Outcome.Rejected(
        DeadLetter.of(
            reason,
            detail,
            view.name(),
            view.version(),
            event.position(),
            clock.millis(),
            original));
  }
}
