package io.tessera.streamcore.partition;

import java.nio.charset.StandardCharsets;

/**
 * What a record may be before it is a poison record (a {@code too_large} dead letter) rather than
 * applied: bounds on what one record can make the state and the store hold.
 *
 * @param maxRecordBytes the largest normalized record
 * @param maxEntityKeyBytes the longest entity key (UTF-8): a partition key the store accepts
 */
public record RecordLimits(int maxRecordBytes, int maxEntityKeyBytes) {
  /** Ingest's own caps, with room: a 256 KiB payload, a 1 KiB key. */
  public static final RecordLimits DEFAULT = new RecordLimits(512 * 1024, 1024);

  public RecordLimits {
    if (maxRecordBytes < 1 || maxEntityKeyBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /**
   * Whether the key's UTF-8 form is longer than {@link #maxEntityKeyBytes}, encoded only when it
   * may be: a char is at most three bytes, so almost every key is judged without the copy each
   * applied event would otherwise cost.
   */
  public boolean keyTooLong(String key) {
    return (long) key.length() * 3 > maxEntityKeyBytes
        && key.getBytes(StandardCharsets.UTF_8).length > maxEntityKeyBytes;
  }
}
