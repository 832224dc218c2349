package io.tessera.records.normalized;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka record key of a normalized event: the view name, a zero byte, and the entity key, in
 * UTF-8. Kafka's default partitioner hashes the key, so every event of one entity of one view lands
 * on one partition, in order. (View names cannot contain a zero byte.)
 *
 * @param view the feature view's name
 * @param entityKey the entity key
 */
public record NormalizedKey(String view, String entityKey) {

  public byte[] encode() {
    return (view + '\0' + entityKey).getBytes(StandardCharsets.UTF_8);
  }

  public static NormalizedKey of(NormalizedEvent event) {
    return new NormalizedKey(event.view(), event.entityKey());
  }

  public static NormalizedKey decode(byte[] key) {
    String text = new String(key, StandardCharsets.UTF_8);
    int zero = text.indexOf('\0');
    if (zero < 0) {
      throw new MalformedRecordException("normalized-event key without a view separator");
    }
    return new NormalizedKey(text.substring(0, zero), text.substring(zero + 1));
  }
}
