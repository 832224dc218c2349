package io.tessera.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.Normalizer;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.records.deadletter.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestPipelineTest {

  private static final long NOW_MS = 1_773_153_445_000L;
  private static final CompiledView VIEW =
      CompiledView.compile(
          DefinitionJson.readView(
                  """
                  {"name": "tx", "entity": ["user_id"], "source": {"type": "kafka", "topic": "t"},
                   "schema": {"user_id": "string", "amount": "double", "ts": "long"},
                   "eventTime": {"field": "ts", "format": "epoch_millis"},
                   "transformation": {"filter": "amount != 0.0"},
                   "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
                  """)
              .orThrow(),
          1);

  private final Normalizer normalizer =
      new Normalizer(4096, InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));

  private static SourceEvent event(String partition, long offset, double amount, long tsMs) {
    String json = "{\"user_id\": \"u\", \"amount\": %s, \"ts\": %d}".formatted(amount, tsMs);
    return new SourceEvent(
        json.getBytes(StandardCharsets.UTF_8),
        new SourcePosition("kafka", "t", partition, Long.toString(offset)),
        NOW_MS);
  }

  @Test
  void tooEarlyFilteredAndDeadLetteredEventsNeverMoveTheWatermark() {
    long yearAhead = NOW_MS + Duration.ofDays(365).toMillis();
    List<SourceEvent> events =
        List.of(
            event("0", 1, 1.0, NOW_MS - 3_000),
            event("0", 2, 1.0, yearAhead), // too_early
            event("0", 3, 0.0, NOW_MS - 1_000), // filtered
            event("1", 1, 1.0, NOW_MS - 2_000),
            event("2", 1, 0.0, NOW_MS)); // filtered: partition 2 reports nothing

    List<io.tessera.ingest.normalize.Outcome> outcomes =
        events.stream().map(e -> normalizer.normalize(VIEW, e)).toList();

    assertThat(IngestPipeline.newestEventMs(events, outcomes))
        .containsOnlyKeys("0", "1")
        .containsEntry("0", NOW_MS - 3_000)
        .containsEntry("1", NOW_MS - 2_000);
  }
}
