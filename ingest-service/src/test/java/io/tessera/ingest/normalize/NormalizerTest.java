package io.tessera.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  private static final CompiledView VIEW =
      CompiledView.compile(
          DefinitionJson.readView(
                  """
                  {"name": "tx", "entity": ["user_id"], "source": {"type": "kafka", "topic": "t"},
                   "schema": {"user_id": "string", "amount": "double", "ts": "long"},
                   "eventTime": {"field": "ts", "format": "epoch_millis"},
                   "transformation": {"filter": "amount != 0.0",
                                      "derived": {"cents": "int(amount * 100.0)"}},
                   "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
                  """)
              .orThrow(),
          3);
  private static final SourcePosition AT = new SourcePosition("kafka", "t", "1", "42");

  private final Normalizer normalizer =
      new Normalizer(64, InstantSource.fixed(Instant.ofEpochMilli(99)));

  private Outcome normalize(String payload) {
    return normalizer.normalize(
        VIEW, new SourceEvent(payload.getBytes(StandardCharsets.UTF_8), AT, 7));
  }

  private String reasonOf(String payload) {
    return ((Outcome.Rejected) normalize(payload)).letter().reason();
  }

  @Test
  void derivesTheEventIdFromTheSourcePositionWhenTheViewDeclaresNone() {
    NormalizedEvent event =
        ((Outcome.Normalized) normalize("{\"user_id\": \"u\", \"amount\": 1.5, \"ts\": 5}"))
            .event();

    assertThat(event.eventId()).isEqualTo("kafka:t:1:42");
    assertThat(event.viewVersion()).isEqualTo(3);
    assertThat(event.entityKey()).isEqualTo("u");
    assertThat(event.eventTimeMs()).isEqualTo(5);
    assertThat(event.sourceTimeMs()).isEqualTo(7);
    assertThat(event.values()).containsEntry("cents", 150L);
  }

  @Test
  void skipsWhatTheFilterRejects() {
    assertThat(normalize("{\"user_id\": \"u\", \"amount\": 0, \"ts\": 5}"))
        .isInstanceOf(Outcome.Filtered.class);
  }

  @Test
  void deadLettersEachKindOfBadEventWithItsReason() {
    assertThat(reasonOf("{not json")).isEqualTo("malformed_payload");
    assertThat(reasonOf("[1]")).isEqualTo("malformed_payload");
    assertThat(reasonOf("{\"a\": 1} trailing")).isEqualTo("malformed_payload");
    assertThat(reasonOf("{\"a\": 1, \"a\": 2}")).isEqualTo("malformed_payload");
    assertThat(reasonOf("")).isEqualTo("malformed_payload");
    assertThat(reasonOf("{\"amount\": 1, \"ts\": 5}")).isEqualTo("missing_entity");
    assertThat(reasonOf("{\"user_id\": \"u\", \"amount\": \"x\", \"ts\": 5}"))
        .isEqualTo("invalid_value");
    assertThat(reasonOf("{\"user_id\": \"u\", \"amount\": 1}")).isEqualTo("missing_event_time");
    assertThat(reasonOf("{\"user_id\": \"u\", \"ts\": 5}")).isEqualTo("expression_failed");
  }

  @Test
  void deadLettersTextThatIsNotUnicodeInsteadOfWritingItAsAQuestionMark() {
    Outcome.Rejected rejected =
        (Outcome.Rejected) normalize("{\"user_id\": \"u\\ud800\", \"amount\": 1.5, \"ts\": 5}");

    assertThat(rejected.letter().reason()).isEqualTo("malformed_payload");
    assertThat(rejected.letter().detail()).contains("field 'user_id'", "not valid Unicode");
    assertThat(normalize("{\"user_id\": \"u\\ud83d\\ude00\", \"amount\": 1.5, \"ts\": 5}"))
        .isInstanceOf(Outcome.Normalized.class);
  }

  @Test
  void keepsOnlyTheHeadOfATooLargePayload() {
    Outcome.Rejected rejected =
        (Outcome.Rejected) normalize("{\"p\": \"" + "x".repeat(100) + "\"}");

    assertThat(rejected.letter().reason()).isEqualTo("too_large");
    assertThat(rejected.letter().original()).hasSize(64);
    assertThat(rejected.letter().failedAtMs()).isEqualTo(99);
    assertThat(rejected.letter().source()).isEqualTo(AT);
    assertThat(rejected.letter().viewVersion()).isEqualTo(3);
  }

  private static final long NOW_MS = 1_773_153_445_000L;
  private static final CompiledView WITH_ID =
      CompiledView.compile(
          DefinitionJson.readView(
                  """
                  {"name": "tx", "entity": ["user_id", "region"],
                   "source": {"type": "kafka", "topic": "t"},
                   "schema": {"user_id": "string", "region": "string", "id": "string",
                              "ts": "long"},
                   "eventTime": {"field": "ts", "format": "epoch_millis"},
                   "eventId": "id",
                   "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
                  """)
              .orThrow(),
          1);

  private final Normalizer capped =
      new Normalizer(
          new NormalizerLimits(100_000, 16, 8, Duration.ofMinutes(5)),
          InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));

  private Outcome capped(String user, String region, String id, long tsMs) {
    String json =
        "{\"user_id\": \"%s\", \"region\": \"%s\", \"id\": \"%s\", \"ts\": %d}"
            .formatted(user, region, id, tsMs);
    return capped.normalize(
        WITH_ID, new SourceEvent(json.getBytes(StandardCharsets.UTF_8), AT, NOW_MS));
  }

  @Test
  void deadLettersAnEventTimeFurtherAheadThanTheClockSkewAsTooEarly() {
    long skewMs = Duration.ofMinutes(5).toMillis();
    assertThat(capped("u", "eu", "e1", NOW_MS + skewMs)).isInstanceOf(Outcome.Normalized.class);

    Outcome.Rejected rejected = (Outcome.Rejected) capped("u", "eu", "e1", NOW_MS + skewMs + 1);

    assertThat(rejected.letter().reason()).isEqualTo("too_early");
    assertThat(rejected.letter().detail())
        .contains("300001 ms ahead of the wall clock")
        .contains("PT5M")
        .contains("tessera.ingest.max-clock-skew");
    assertThat(rejected.letter().original()).isNotEmpty();
  }

  @Test
  void deadLettersAnEncodedEntityKeyOverTheCapAsTooLarge() {
    // "0123456|abcdefgh" is 16 bytes: at the cap. One more byte is over it.
    assertThat(capped("0123456", "abcdefgh", "e1", NOW_MS)).isInstanceOf(Outcome.Normalized.class);

    Outcome.Rejected rejected = (Outcome.Rejected) capped("0123456", "abcdefghi", "e1", NOW_MS);

    assertThat(rejected.letter().reason()).isEqualTo("too_large");
    assertThat(rejected.letter().detail())
        .isEqualTo(
            "entity key of 17 bytes exceeds the limit of 16 bytes"
                + " (tessera.ingest.max-entity-key-bytes)");
  }

  @Test
  void countsTheEntityKeyCapInUtf8Bytes() {
    // 6 characters, 18 bytes in UTF-8.
    Outcome.Rejected rejected = (Outcome.Rejected) capped("€€€", "€€€", "e1", NOW_MS);

    assertThat(rejected.letter().detail()).startsWith("entity key of 19 bytes");
  }

  @Test
  void deadLettersADeclaredEventIdOverTheCapAsTooLarge() {
    assertThat(capped("u", "eu", "12345678", NOW_MS)).isInstanceOf(Outcome.Normalized.class);

    Outcome.Rejected rejected = (Outcome.Rejected) capped("u", "eu", "123456789", NOW_MS);

    assertThat(rejected.letter().reason()).isEqualTo("too_large");
    assertThat(rejected.letter().detail())
        .isEqualTo(
            "event id of 9 bytes exceeds the limit of 8 bytes"
                + " (tessera.ingest.max-event-id-bytes)");
  }

  @Test
  void leavesDerivedEventIdsUncapped() {
    Normalizer tiny =
        new Normalizer(
            new NormalizerLimits(1_000, 1_024, 4, Duration.ofMinutes(5)),
            InstantSource.fixed(Instant.ofEpochMilli(99)));

    Outcome outcome =
        tiny.normalize(
            VIEW,
            new SourceEvent(
                "{\"user_id\": \"u\", \"amount\": 1.5, \"ts\": 5}".getBytes(StandardCharsets.UTF_8),
                AT,
                7));

    assertThat(((Outcome.Normalized) outcome).event().eventId()).isEqualTo("kafka:t:1:42");
  }
}
