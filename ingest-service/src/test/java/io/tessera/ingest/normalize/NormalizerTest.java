package io.tessera.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import java.nio.charset.StandardCharsets;
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
  void keepsOnlyTheHeadOfATooLargePayload() {
    Outcome.Rejected rejected =
        (Outcome.Rejected) normalize("{\"p\": \"" + "x".repeat(100) + "\"}");

    assertThat(rejected.letter().reason()).isEqualTo("too_large");
    assertThat(rejected.letter().original()).hasSize(64);
    assertThat(rejected.letter().failedAtMs()).isEqualTo(99);
    assertThat(rejected.letter().source()).isEqualTo(AT);
    assertThat(rejected.letter().viewVersion()).isEqualTo(3);
  }
}
