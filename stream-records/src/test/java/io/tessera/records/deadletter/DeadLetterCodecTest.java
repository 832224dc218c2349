package io.tessera.records.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.records.normalized.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterCodecTest {

  private static final byte[] ORIGINAL = "{\"user_id\": null".getBytes(StandardCharsets.UTF_8);

  private static DeadLetter letter() {
    return DeadLetter.of(
        DeadLetterReason.MALFORMED_PAYLOAD,
        "Unexpected end-of-input",
        "transactions",
        2,
        new SourcePosition("kafka", "raw-transactions", "3", "1042"),
        1_773_153_445_120L,
        ORIGINAL);
  }

  @Test
  void roundTripsWithTheOriginalBytes() {
    DeadLetter decoded = DeadLetterCodec.decode(DeadLetterCodec.encode(letter()));

    assertThat(decoded.original()).isEqualTo(ORIGINAL);
    assertThat(decoded).usingRecursiveComparison().ignoringFields("original").isEqualTo(letter());
  }

  @Test
  void anOversizedOriginalKeepsItsFirstBytesSoTheLetterStaysUnderTheProducersLimit() {
    byte[] huge = new byte[900_000];
    java.util.Arrays.fill(huge, (byte) 'p');
    DeadLetter letter =
        DeadLetter.of(
            DeadLetterReason.TOO_LARGE,
            "record of 900000 bytes exceeds the limit of 262144",
            "transactions",
            2,
            new SourcePosition("normalized", "normalized-events", "0", "81"),
            1_773_153_445_120L,
            huge);

    assertThat(letter.original()).hasSize(DeadLetter.MAX_ORIGINAL_BYTES);
    assertThat(letter.detail())
        .startsWith("record of 900000 bytes")
        .contains("first 262144 of 900000 bytes are kept");
    assertThat(DeadLetterCodec.encode(letter).length).isLessThan(1_000_000); // the producer's 1 MB
  }

  @Test
  void writesJsonThatPeopleAndToolsCanRead() {
    String json = new String(DeadLetterCodec.encode(letter()), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"reason\":\"malformed_payload\"")
        .contains("\"view\":\"transactions\"")
        .contains("\"position\":\"1042\"")
        .contains("\"original\":\"eyJ1c2VyX2lkIjogbnVsbA==\"");
  }

  @Test
  void keysByView() {
    assertThat(new String(DeadLetterCodec.key(letter()), StandardCharsets.UTF_8))
        .isEqualTo("transactions");
  }

  @Test
  void reasonCodesRoundTrip() {
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      assertThat(DeadLetterReason.fromCode(reason.code())).contains(reason);
    }
    assertThat(DeadLetterReason.TOO_LATE.code()).isEqualTo("too_late");
  }

  @Test
  void refusesBytesThatAreNoDeadLetter() {
    assertThatThrownBy(() -> DeadLetterCodec.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedRecordException.class);
  }
}
