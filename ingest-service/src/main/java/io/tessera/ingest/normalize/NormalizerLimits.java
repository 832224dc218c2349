package io.tessera.ingest.normalize;

import java.time.Duration;

/**
 * What the {@link Normalizer} refuses to pass downstream, because one such event would harm every
 * other: a payload too large for a dead letter, keys that bloat every state and row they are copied
 * into (a 100 KB entity key once stopped every view downstream), and event times so far ahead of
 * the wall clock that they would drag their view's watermark into the future.
 *
 * @param maxPayloadBytes larger payloads are {@code too_large}; also bounds the original bytes a
 *     dead letter keeps, so a dead letter always fits in a Kafka record
 * @param maxEntityKeyBytes a longer encoded entity key (UTF-8) is {@code too_large}
 * @param maxEventIdBytes a longer declared event id (UTF-8) is {@code too_large}
 * @param maxClockSkew an event time further than this ahead of the wall clock is {@code too_early}
 */
public record NormalizerLimits(
    int maxPayloadBytes, int maxEntityKeyBytes, int maxEventIdBytes, Duration maxClockSkew) {

  public static final int DEFAULT_MAX_ENTITY_KEY_BYTES = 1024;
  public static final int DEFAULT_MAX_EVENT_ID_BYTES = 256;
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  public NormalizerLimits {
    requirePositive(maxPayloadBytes, "maxPayloadBytes");
    requirePositive(maxEntityKeyBytes, "maxEntityKeyBytes");
    requirePositive(maxEventIdBytes, "maxEventIdBytes");
    if (maxClockSkew == null || maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must be zero or positive");
    }
  }

  /** The default key caps and clock skew, with the given payload limit. */
  public static NormalizerLimits ofPayloadBytes(int maxPayloadBytes) {
    return new NormalizerLimits(
        maxPayloadBytes,
        DEFAULT_MAX_ENTITY_KEY_BYTES,
        DEFAULT_MAX_EVENT_ID_BYTES,
        DEFAULT_MAX_CLOCK_SKEW);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
