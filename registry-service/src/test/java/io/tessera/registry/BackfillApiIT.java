package io.tessera.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.registry.RegistryHttp.Response;
import io.tessera.registry.backfill.BackfillReconciler;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.store.StoredVersion;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Backfills through the registry against the real Kafka: started by registering, requested and
 * cancelled over HTTP, reported by workers on the status topic (the test plays the worker).
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackfillApiIT {

  private static final String TABLES = UniqueNames.of("registry_backfill") + "_";
  private static final String REQUESTS = UniqueNames.of("backfill_requests_it");
  private static final String STATUS = UniqueNames.of("backfill_status_it");
  private static final String VIEWS = "/api/v1/feature-views/";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @LocalServerPort private int port;
  @Autowired private DefinitionStore store;
  @Autowired private BackfillReconciler reconciler;
  private RegistryHttp http;
  private TopicTail<BackfillCommand> commands;

  @DynamicPropertySource
  static void isolate(DynamicPropertyRegistry registry) {
    registry.add("spring.cassandra.keyspace-name", () -> LocalStack.TEST_KEYSPACE);
    registry.add("tessera.registry.table-prefix", () -> TABLES);
    registry.add("tessera.registry.topic", () -> UniqueNames.of("registry_backfill_it"));
    registry.add("tessera.registry.backfill-requests-topic", () -> REQUESTS);
    registry.add("tessera.registry.backfill-status-topic", () -> STATUS);
    registry.add("tessera.security.api-keys", () -> TestApiKeys.CONFIGURED);
  }

  @AfterAll
  static void dropTables() {
    RegistryTables.drop(TABLES);
  }

  @BeforeEach
  void clients() {
    http = new RegistryHttp(port);
    commands = new TopicTail<>(REQUESTS, BackfillCodec::decodeCommand);
  }

  @AfterEach
  void closeTail() {
    commands.close();
  }

  @Test
  void registeringAViewWithABatchSourceQueuesItsBackfill() {
    String view = UniqueNames.of("view");

    assertThat(http.put(VIEWS + view, Bodies.viewWithBatchSource(view)).status()).isEqualTo(201);

    BackfillCommand.Start start = (BackfillCommand.Start) onlyCommandOf(view);
    assertThat(start.version()).isEqualTo(1);
    assertThat(start.reason()).isEqualTo("registered");
    assertThat(start.fromMs()).isNull();
    assertThat(start.toMs()).isNull();
    JsonNode listed = http.get(VIEWS + view + "/backfills").json();
    assertThat(listed.get("backfills").size()).isEqualTo(1);
    JsonNode queued = listed.get("backfills").get(0);
    assertThat(queued.get("id").asString()).isEqualTo(start.id());
    assertThat(queued.get("state").asString()).isEqualTo("queued");
    assertThat(queued.get("from").isNull()).isTrue();
    assertThat(queued.get("to").isNull()).isTrue();
    assertThat(queued.get("progress").asDouble()).isZero();
    assertThat(queued.get("etaSeconds").isNull()).isTrue();
  }

  @Test
  void theReconcilerStartsTheBackfillThatACrashLostOnce() throws InterruptedException {
    String view = UniqueNames.of("view");
    // As if the registry crashed after storing the version, before starting its backfill.
    StoredVersion stored =
        new StoredVersion(
            DefinitionKind.VIEW,
            view,
            1,
            Bodies.viewWithBatchSource(view),
            "hash-" + view,
            "CREATED",
            true,
            "ci",
            Instant.now());
    assertThat(store.insert(stored)).isTrue();
    store.updateLatest(stored);

    assertThat(reconciler.reconcile()).isGreaterThanOrEqualTo(1);
    reconciler.reconcile(); // the version has a backfill now: nothing more to start

    BackfillCommand.Start start = (BackfillCommand.Start) onlyCommandOf(view);
    assertThat(start.reason()).isEqualTo("registered");
    assertThat(http.get(VIEWS + view + "/backfills/" + start.id()).json().get("state").asString())
        .isEqualTo("queued");
    assertThat(commands.allAfter(c -> c.view().equals(view), Duration.ofSeconds(1))).hasSize(1);
  }

  @Test
  void aViewWithoutABatchSourceStartsNoBackfillWhenRegistered() {
    String view = UniqueNames.of("view");
    String viewWithSource = UniqueNames.of("view");

    http.put(VIEWS + view, Bodies.view(view, "risk", "a"));
    http.put(VIEWS + viewWithSource, Bodies.viewWithBatchSource(viewWithSource));

    onlyCommandOf(viewWithSource); // the control: registering does start backfills here
    assertThat(http.get(VIEWS + view + "/backfills").json().get("backfills").size()).isZero();
  }

  @Test
  void aWorkersStatusShowsWithItsProgress() throws Exception {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.viewWithBatchSource(view));
    BackfillCommand.Start start = (BackfillCommand.Start) onlyCommandOf(view);
    BackfillCounts counts = new BackfillCounts(1200, 10, 3, 1187, 7, 4, 3, 1180, 0, 90, 12);

    publishStatus(start, BackfillState.RUNNING, counts, 12, null);

    JsonNode running = awaitState(view, start.id(), "running");
    assertThat(running.get("progress").asDouble()).isEqualTo(0.75);
    assertThat(running.at("/counts/rowsRead").asLong()).isEqualTo(1200);
    assertThat(running.at("/counts/rowsRejected").asLong()).isEqualTo(3);
    assertThat(running.at("/counts/unitsDone").asLong()).isEqualTo(3);
    assertThat(running.get("eventsPerSecond").asDouble()).isEqualTo(250.5);
    assertThat(running.get("etaSeconds").asLong()).isEqualTo(12);
    assertThat(running.get("worker").asString()).isEqualTo("worker-1");

    publishStatus(start, BackfillState.FAILED, counts, -1, "the batch source is gone");

    JsonNode failed = awaitState(view, start.id(), "failed");
    assertThat(failed.get("error").asString()).isEqualTo("the batch source is gone");
    assertThat(failed.get("etaSeconds").isNull()).isTrue();
  }

  @Test
  void aRequestedRangeIsStartedWithThatRangeAndASecondRequestWaitsForIt() {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.view(view, "risk", "a"));
    String from = "2026-11-01T00:00:00Z";
    String to = "2026-11-05T00:00:00Z";

    Response accepted =
        post(view, "{\"version\": 1, \"from\": \"" + from + "\", \"to\": \"" + to + "\"}");

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String id = accepted.json().get("id").asString();
    assertThat(accepted.header("Location")).endsWith(VIEWS + view + "/backfills/" + id);
    assertThat(accepted.json().get("state").asString()).isEqualTo("queued");
    assertThat(accepted.json().get("from").asString()).isEqualTo(from);
    assertThat(accepted.json().get("to").asString()).isEqualTo(to);
    BackfillCommand.Start start = (BackfillCommand.Start) onlyCommandOf(view);
    assertThat(start.id()).isEqualTo(id);
    assertThat(start.reason()).isEqualTo("requested");
    assertThat(start.fromMs()).isEqualTo(Instant.parse(from).toEpochMilli());
    assertThat(start.toMs()).isEqualTo(Instant.parse(to).toEpochMilli());
    assertThat(http.get(VIEWS + view + "/backfills/" + id).json().get("state").asString())
        .isEqualTo("queued");

    Response again = post(view, "");

    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.json().get("detail").asString()).contains(id);
  }

  @Test
  void cancellingPublishesACancelAndAnEndedBackfillCannotBeCancelled() throws Exception {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.viewWithBatchSource(view));
    BackfillCommand.Start start = (BackfillCommand.Start) onlyCommandOf(view);

    Response cancelled = http.delete(VIEWS + view + "/backfills/" + start.id());

    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
    assertThat(cancelled.json().get("id").asString()).isEqualTo(start.id());
    List<BackfillCommand> cancels =
        commands.await(c -> c instanceof BackfillCommand.Cancel && c.view().equals(view), 1, WAIT);
    assertThat(cancels.get(0).id()).isEqualTo(start.id());

    publishStatus(start, BackfillState.CANCELLED, BackfillCounts.NONE, -1, null);
    awaitState(view, start.id(), "cancelled");

    Response ended = http.delete(VIEWS + view + "/backfills/" + start.id());
    assertThat(ended.status()).as(ended.toString()).isEqualTo(409);
    assertThat(ended.contentType()).startsWith("application/problem+json");
  }

  @Test
  void badBodiesAreRefusedWithAProblem() {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.view(view, "risk", "a"));

    for (String body :
        List.of(
            "not json",
            "[1]",
            "{\"version\": \"one\"}",
            "{\"version\": 0}",
            "{\"version\": 1.5}",
            "{\"from\": \"yesterday\"}",
            "{\"from\": \"2026-11-05T00:00:00Z\", \"to\": \"2026-11-01T00:00:00Z\"}",
            "{\"from\": \"2026-11-05T00:00:00Z\", \"to\": \"2026-11-05T00:00:00Z\"}",
            "{\"colour\": 1}")) {
      Response refused = post(view, body);
      assertThat(refused.status()).as(body + " -> " + refused).isEqualTo(400);
      assertThat(refused.contentType()).as(body).startsWith("application/problem+json");
    }
    assertThat(http.get(VIEWS + view + "/backfills").json().get("backfills").size()).isZero();
  }

  @Test
  void unknownViewsVersionsAndBackfillsAreNotFound() {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.view(view, "risk", "a"));

    for (Response missing :
        List.of(
            post(UniqueNames.of("nope"), ""),
            http.get(VIEWS + UniqueNames.of("nope") + "/backfills"),
            post(view, "{\"version\": 7}"),
            http.get(VIEWS + view + "/backfills/no-such-id"),
            http.delete(VIEWS + view + "/backfills/no-such-id"))) {
      assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
      assertThat(missing.contentType()).startsWith("application/problem+json");
    }
  }

  @Test
  void aDeletedViewOrADeletedVersionIsNotBackfilled() {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.view(view, "risk", "a"));
    http.delete(VIEWS + view);

    assertThat(post(view, "").status()).isEqualTo(404);

    http.put(VIEWS + view, Bodies.view(view, "risk", "b")); // version 2 revives the name
    Response deletedVersion = post(view, "{\"version\": 1}");
    assertThat(deletedVersion.status()).as(deletedVersion.toString()).isEqualTo(400);
    assertThat(deletedVersion.json().get("detail").asString()).contains("deleted");
    assertThat(post(view, "{\"version\": 2}").status()).isEqualTo(202);
  }

  @Test
  void startingOrCancellingNeedsTheWriteScope() {
    String view = UniqueNames.of("view");
    http.put(VIEWS + view, Bodies.view(view, "risk", "a"));

    Response anonymous =
        http.send(
            http.request(VIEWS + view + "/backfills").POST(HttpRequest.BodyPublishers.noBody()));
    Response reader =
        http.send(
            http.request(VIEWS + view + "/backfills")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(reader.status()).isEqualTo(403);
    assertThat(http.get(VIEWS + view + "/backfills").json().get("backfills").size()).isZero();
  }

  @Test
  void theHealthSaysTheStatusTopicIsFollowed() {
    JsonNode component = http.get("/actuator/health").json().at("/components/backfillStatus");

    assertThat(component.get("status").asString()).as(component.toString()).isEqualTo("UP");
    assertThat(component.at("/details/topic").asString()).isEqualTo(STATUS);
    assertThat(component.at("/details/caughtUp").asBoolean()).isTrue();
  }

  @Test
  void theConsoleDocumentsTheEndpointsWithABackfillRequestAsTheExample() {
    JsonNode paths = http.get("/v3/api-docs").json().get("paths");

    JsonNode collection = paths.get("/api/v1/feature-views/{name}/backfills");
    assertThat(collection.has("post")).isTrue();
    assertThat(collection.has("get")).isTrue();
    assertThat(paths.get("/api/v1/feature-views/{name}/backfills/{id}").has("delete")).isTrue();
    JsonNode body = collection.at("/post/requestBody/content/application~1json");
    assertThat(body.at("/example/version").asInt()).isEqualTo(3);
    assertThat(body.has("examples")).as("no definition examples on a backfill request").isFalse();
  }

  private Response post(String view, String body) {
    return http.send(
        http.request(VIEWS + view + "/backfills")
            .header("Authorization", TestApiKeys.bearer(RegistryHttp.KEY))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private BackfillCommand onlyCommandOf(String view) {
    Predicate<BackfillCommand> ofView = c -> c.view().equals(view);
    commands.await(ofView, 1, WAIT);
    List<BackfillCommand> found = commands.allAfter(ofView, Duration.ofMillis(300));
    assertThat(found).as("one command, not two").hasSize(1);
    return found.get(0);
  }

  /** Publishes a status of {@code start} as a worker would. */
  private static void publishStatus(
      BackfillCommand.Start start,
      BackfillState state,
      BackfillCounts counts,
      long etaSeconds,
      String error)
      throws Exception {
    BackfillStatus status =
        new BackfillStatus(
            start.id(),
            start.view(),
            start.version(),
            state,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            start.requestedAt(),
            Instant.now(),
            counts,
            250.5,
            etaSeconds,
            error,
            "worker-1");
    TopicTail.publish(STATUS, BackfillCodec.key(status), BackfillCodec.encode(status));
  }

  private JsonNode awaitState(String view, String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode body = http.get(VIEWS + view + "/backfills/" + id).json();
    while (!body.get("state").asString().equals(state) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      body = http.get(VIEWS + view + "/backfills/" + id).json();
    }
    assertThat(body.get("state").asString()).as(body.toString()).isEqualTo(state);
    return body;
  }
}
