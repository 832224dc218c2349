package io.tessera.ingest.normalize;

import io.tessera.definitions.transform.NormalizedRow;
import io.tessera.definitions.transform.TransformResult;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one raw event into a normalized event, a filtered event or a dead letter, the same way for
 * every source (Kafka, Kinesis, push, dead-letter replay): size check, JSON decoding, the view's
 * compiled transformation, then the entity key, event time and event id, each checked against the
 * {@link NormalizerLimits}. Stateless and thread-safe.
 *
 * <p>An event whose time is too far ahead of the wall clock is {@code too_early}: published, it
 * would move its view's watermark (which follows the newest event time read) into the future and
 * make every on-time event after it late. Being a dead letter, it never moves a watermark.
 */
public final class Normalizer {

  /** How the detail of a dead letter of an unexpected failure starts. */
  static final String UNEXPECTED = "normalizing failed unexpectedly: ";

  private static final System.Logger LOG = System.getLogger(Normalizer.class.getName());

  private final NormalizerLimits limits;
  private final int maxPayloadBytes;
  private final long maxClockSkewMs;
  private final InstantSource clock;

  public Normalizer(NormalizerLimits limits, InstantSource clock) {
    this.limits = limits;
    this.maxPayloadBytes = limits.maxPayloadBytes();
    this.maxClockSkewMs = limits.maxClockSkew().toMillis();
    this.clock = clock;
  }

  /** With the default key caps and clock skew. */
  public Normalizer(int maxPayloadBytes, InstantSource clock) {
    this(NormalizerLimits.ofPayloadBytes(maxPayloadBytes), clock);
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
    try {
      return decodeAndTransform(view, event, payload);
    } catch (RuntimeException e) {
      // A bug of ours, not a property of the event alone; still, one record must never stop a
      // partition (invariant 7). NormalizerProperties fails on any such letter, so it is found.
      LOG.log(
          System.Logger.Level.WARNING, "normalizing an event of " + view.label() + " failed", e);
      return reject(view, event, DeadLetterReason.INVALID_VALUE, UNEXPECTED + e, payload);
    }
  }

  private Outcome decodeAndTransform(CompiledView view, SourceEvent event, byte[] payload) {
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
    String entityKey = EntityKeys.encode(row.entityKey());
    Optional<String> tooLarge =
        tooLarge("entity key", entityKey, limits.maxEntityKeyBytes(), "max-entity-key-bytes")
            .or(
                () ->
                    row.eventId()
                        .flatMap(
                            id ->
                                tooLarge(
                                    "event id",
                                    id,
                                    limits.maxEventIdBytes(),
                                    "max-event-id-bytes")));
    if (tooLarge.isPresent()) {
      return reject(view, event, DeadLetterReason.TOO_LARGE, tooLarge.get(), payload);
    }
    long nowMs = clock.millis();
    if (row.eventTimeMs() > nowMs + maxClockSkewMs) {
      return reject(
          view,
          event,
          DeadLetterReason.TOO_EARLY,
          "event time "
              + Instant.ofEpochMilli(row.eventTimeMs())
              + " is "
              + (row.eventTimeMs() - nowMs)
              + " ms ahead of the wall clock ("
              + Instant.ofEpochMilli(nowMs)
              + "); at most "
              + limits.maxClockSkew()
              + " is allowed (tessera.ingest.max-clock-skew)",
          payload);
    }
    return new Outcome.Normalized(
        new NormalizedEvent(
            view.name(),
            view.version(),
            entityKey,
            row.eventTimeMs(),
            row.eventId().orElseGet(() -> EventIds.derive(event.position())),
            event.sourceTimeMs(),
            row.values()));
  }

  /** Why {@code value} is too long, if it is: the field, its size and the cap. */
  private static Optional<String> tooLarge(String field, String value, int maxBytes, String key) {
    // Cheap bound first: UTF-8 needs at most 3 bytes per UTF-16 char, and at least 1.
    if (value.length() <= maxBytes / 3) {
      return Optional.empty();
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of(
        field
            + " of "
            + bytes
            + " bytes exceeds the limit of "
            + maxBytes
            + " bytes (tessera.ingest."
            + key
            + ")");
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
