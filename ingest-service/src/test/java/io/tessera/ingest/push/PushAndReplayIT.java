package io.tessera.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestHttp;
import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.support.TopicTail;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP push (accepted only once durably in Kafka; bad bodies refused with problem+json listing
 * every bad event) and the replay of dead letters through a fixed definition, on the real stack.
 */
@RealStackTest
class PushAndReplayIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String view = UniqueNames.of("push_view");
  private final String source = UniqueNames.of("src");
  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));

  private String viewJson(String amountCents) {
    return """
        {"name": "%s", "entity": "user_id", "source": {"type": "kafka", "topic": "%s"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "transformation": {"derived": {"amount_cents": "%s"}},
         "features": [{"name": "spend", "function": "sum", "input": "amount", "windows": ["1h"]}]}
        """
        .formatted(view, source, amountCents);
  }

  @Test
  void pushesValidBatchesRefusesBadOnesAndReplaysFixedDeadLetters() throws Exception {
    RegistryTopic registry = new RegistryTopic(topics.registry());
    RegistryTopic.Topics.create(source, 1);
    registry.publishView(viewJson("int(amount * 100.0)"), 1);
    try (IngestInstance ingest =
            IngestInstance.start(topics, Map.of("tessera.ingest.push-max-items", 5));
        TopicTail normalized = new TopicTail(topics.normalized());
        TopicTail dead = new TopicTail(topics.deadLetters())) {
      SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> supervisor.runningVersions().containsKey(view));
      String batch =
          "[{\"user_id\": \"u1\", \"amount\": 1.25, \"ts\": 1773153445120},"
              + " {\"user_id\": \"u2\", \"amount\": \"2.5\", \"ts\": \"1773153445121\"}]";

      long before = System.currentTimeMillis();
      HttpResponse<String> ok = push(ingest, view, batch, "k1");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(ok.body()).get("accepted").asInt()).isEqualTo(2);
      // The answer came after the events were acknowledged: they are readable right away.
      List<NormalizedEvent> pushed = normalized.awaitEvents(2);
      assertThat(pushed)
          .extracting(NormalizedEvent::eventId)
          .containsExactlyInAnyOrder("push:" + view + "::k1:0", "push:" + view + "::k1:1");
      assertThat(pushed)
          .allSatisfy(e -> assertThat(e.sourceTimeMs()).isGreaterThanOrEqualTo(before));
      assertThat(pushed)
          .extracting(e -> e.values().get("amount_cents"))
          .containsExactlyInAnyOrder(125L, 250L);
      // A retry with the same key carries the same event ids, which downstream de-duplicates.
      assertThat(push(ingest, view, batch, "k1").statusCode()).isEqualTo(200);
      assertThat(normalized.awaitEvents(4).stream().map(NormalizedEvent::eventId).distinct())
          .hasSize(2);

      HttpResponse<String> invalid =
          push(
              ingest,
              view,
              "[{\"user_id\": \"u1\", \"amount\": 1, \"ts\": 1},"
                  + " {\"user_id\": \"u1\", \"amount\": \"x\", \"ts\": 1},"
                  + " \"not an object\", {\"amount\": 1, \"ts\": 1}]",
              null);
      assertProblem(invalid, 400);
      JsonNode errors = JSON.readTree(invalid.body()).get("errors");
      assertThat(errors).hasSize(3);
      assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
      assertThat(errors.get(0).get("reason").asString()).isEqualTo("invalid_value");
      assertThat(errors.get(1).get("index").asInt()).isEqualTo(2);
      assertThat(errors.get(1).get("reason").asString()).isEqualTo("malformed_payload");
      assertThat(errors.get(2).get("index").asInt()).isEqualTo(3);
      assertThat(errors.get(2).get("reason").asString()).isEqualTo("missing_entity");
      assertProblem(push(ingest, view, "{not json", null), 400);
      assertProblem(push(ingest, view, "{\"user_id\": \"u1\"}", null), 400);
      assertProblem(push(ingest, view, "[{},{},{},{},{},{}]", null), 413);
      assertProblem(push(ingest, "no_such_view", "[]", null), 404);
      Thread.sleep(500);
      assertThat(normalized.events()).hasSize(4); // nothing of a refused request was published

      // Dead letters from the Kafka source: amount missing fails version 1's derived column.
      RecordMetadata first = send("{\"user_id\": \"u3\", \"ts\": 1773153445000}");
      RecordMetadata second = send("{\"user_id\": \"u4\", \"ts\": 1773153446000}");
      send("{broken");
      assertThat(dead.awaitLetters(3))
          .extracting(DeadLetter::reason)
          .containsExactlyInAnyOrder("expression_failed", "expression_failed", "malformed_payload");

      registry.publishView(viewJson("amount != null ? int(amount * 100.0) : 0"), 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Integer.valueOf(2).equals(supervisor.runningVersions().get(view)));
      JsonNode replay = replay(ingest, view);
      assertThat(replay.get("version").asInt()).isEqualTo(2);
      assertThat(replay.get("replayed").asInt()).isEqualTo(3);
      assertThat(replay.get("passed").asInt()).isEqualTo(2);
      assertThat(replay.get("failed").asInt()).isEqualTo(1);
      List<NormalizedEvent> replayed = normalized.awaitEvents(6).subList(4, 6);
      assertThat(replayed)
          .extracting(NormalizedEvent::eventId)
          .containsExactlyInAnyOrder(
              "kafka:" + source + ":0:" + first.offset(),
              "kafka:" + source + ":0:" + second.offset());
      assertThat(replayed).allSatisfy(e -> assertThat(e.viewVersion()).isEqualTo(2));
      List<DeadLetter> letters = dead.awaitLetters(4);
      assertThat(letters.get(3).reason()).isEqualTo("malformed_payload");
      assertThat(letters.get(3).viewVersion()).isEqualTo(2);

      // Only what failed again is replayed the next time.
      JsonNode again = replay(ingest, view);
      assertThat(again.get("replayed").asInt()).isEqualTo(1);
      assertThat(again.get("passed").asInt()).isZero();
      assertThat(again.get("failed").asInt()).isEqualTo(1);
      assertProblem(new IngestHttp(ingest.port()).get("/api/v1/dead-letters/replays/nope"), 404);
    }
  }

  /**
   * While a semantic change is backfilled, ingest feeds both the new version and the one serving
   * answers with; a replayed letter is an event like any other and reaches both (with the original
   * event id), or the serving version would miss it until the switch.
   */
  @Test
  void aReplayedLetterReachesTheServingVersionWhileAChangeIsBackfilled() throws Exception {
    String status = UniqueNames.of("backfill_status");
    RegistryTopic registry = new RegistryTopic(topics.registry());
    RegistryTopic.Topics.create(source, 1);
    RegistryTopic.Topics.create(status, 1);
    registry.publishView(viewJson("int(amount * 100.0)"), 1);
    try (IngestInstance ingest =
            IngestInstance.start(topics, Map.of("tessera.ingest.backfill-status-topic", status));
        TopicTail normalized = new TopicTail(topics.normalized());
        TopicTail dead = new TopicTail(topics.deadLetters())) {
      SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> supervisor.runningVersions().containsKey(view));
      RecordMetadata failed = send("{\"user_id\": \"u5\", \"ts\": 1773153447000}");
      assertThat(dead.awaitLetters(1)).extracting(DeadLetter::reason).contains("expression_failed");

      // Version 2 fixes the derived column and serves; version 3 changes a feature and waits for
      // its backfill, so both are fed. Version 3 reads the source from its start (its lineage's
      // history) and so normalizes the event itself; version 2 goes on from version 1's offsets,
      // past it: only the replay brings it the event.
      String fixed = "amount != null ? int(amount * 100.0) : 0";
      registry.publishView(viewJson(fixed), 2);
      registry.publishView(viewJson(fixed).replace("\"spend\"", "\"total\""), 3, "SEMANTIC", true);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Set.of(2, 3).equals(supervisor.consumedVersions().get(view)));

      JsonNode replay = replay(ingest, view);
      assertThat(replay.get("version").asInt()).isEqualTo(3);
      assertThat(replay.get("passed").asInt()).isEqualTo(1);
      String id = "kafka:" + source + ":0:" + failed.offset();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  normalized.events().stream()
                      .filter(e -> e.eventId().equals(id))
                      .map(NormalizedEvent::viewVersion)
                      .collect(Collectors.toSet())
                      .equals(Set.of(2, 3)));
      Thread.sleep(500);
      assertThat(dead.letters()).hasSize(1); // the older version adds no letter of its own
    }
  }

  private void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).isNotBlank();
  }

  private RecordMetadata send(String value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      return producer
          .send(new ProducerRecord<>(source, value.getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private HttpResponse<String> push(IngestInstance ingest, String to, String body, String key)
      throws Exception {
    return new IngestHttp(ingest.port()).push(to, body, key);
  }

  /**
   * Starts a replay job (answered at once with 202 and its Location), then follows it there until
   * it is done; its final status.
   */
  private JsonNode replay(IngestInstance ingest, String of) throws Exception {
    IngestHttp http = new IngestHttp(ingest.port());
    HttpResponse<String> started = http.post("/api/v1/dead-letters/" + of + ":replay");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith(JSON.readTree(started.body()).get("id").asString());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> JSON.readTree(http.get(location).body()).get("state").asString().equals("done"));
    JsonNode done = JSON.readTree(http.get(location).body());
    assertThat(done.get("scanned").asLong()).isEqualTo(done.get("toScan").asLong());
    return done;
  }
}
