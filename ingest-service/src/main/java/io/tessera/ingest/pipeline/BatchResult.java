package io.tessera.ingest.pipeline;

/**
 * What one published batch became.
 *
 * @param normalized events published to the normalized topic
 * @param filtered events the view's filter skipped
 * @param deadLettered events published to the dead-letter topic
 */
public record BatchResult(int normalized, int filtered, int deadLettered) {

  public static final BatchResult EMPTY = new BatchResult(0, 0, 0);

  public int total() {
    return normalized + filtered + deadLettered;
  }

  public BatchResult plus(BatchResult other) {
    return new BatchResult(
        normalized + other.normalized,
        filtered + other.filtered,
        deadLettered + other.deadLettered);
  }
}
