package io.tessera.records.deadletter;

import io.tessera.records.normalized.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead letters as JSON on the dead-letter topic, keyed by view name. JSON, not a binary format,
 * because their readers are people and tools ({@code kcat}, replay): the original bytes are base64
 * in {@code original}.
 */
public final class DeadLetterCodec {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DeadLetterCodec() {}

  public static byte[] key(DeadLetter letter) {
    return letter.view().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] encode(DeadLetter letter) {
    return JSON.writeValueAsBytes(letter);
  }

  /**
   * @throws MalformedRecordException when the bytes are not a dead-letter record
   */
  public static DeadLetter decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, DeadLetter.class);
    } catch (JacksonException | NullPointerException e) {
      throw new MalformedRecordException("not a dead-letter record: " + e.getMessage(), e);
    }
  }
}
