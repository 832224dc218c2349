package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureList;
import io.tessera.serving.v1.FeatureSelection;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.GetFeaturesBatchRequest;
import io.tessera.serving.v1.GetFeaturesBatchResponse;
import io.tessera.serving.v1.GetFeaturesRequest;
import io.tessera.serving.v1.Status;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serving on the real stack, as a follower: definitions from a Kafka registry topic, events and
 * watermarks on a normalized topic sealed into Cassandra by the owner ({@link StreamFeed}: history
 * in the store, the newest minutes in the follower's memory), answers over REST and gRPC. Statuses
 * as the follower decides them: {@code stale} when the view's watermark on the entity's partition
 * is behind, {@code not_found} with no event in any window.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeatureServingIT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = System.currentTimeMillis();
  private static final String VIEW = UniqueNames.of("txn");
  private static final String BF_VIEW = UniqueNames.of("bf");
  private static final String SERVICE = UniqueNames.of("svc");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An entity whose partition's watermark is behind: its values are {@code stale}. */
  private static final String STALE_USER = onAnotherPartitionThan("u_present");

  private static ServingStack stack;
  private static StreamFeed feed;
  private static ViewSpec spec;
  private static final List<Event> ORACLE_EVENTS = new ArrayList<>();
  private static long presentEventMs;

  @LocalServerPort private int port;
  @Autowired private GrpcServer grpcServer;
  @Autowired private PartitionFollower follower;
  @Autowired private MeterRegistry meters;
  private final HttpClient http = HttpClient.newHttpClient();

  static String view(String name, String description, String spendWindows) {
    return """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [
           {"name": "spend", "function": "sum", "input": "amount", "windows": [%s], "default": 0.0},
           {"name": "n", "function": "count", "windows": ["1h"]}],
         "expectedFreshness": "10m", "description": "%s"}
        """
        .formatted(name, spendWindows, description);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    setUp();
    feed.register(registry);
  }

  static synchronized void setUp() throws Exception {
    if (stack != null) {
      return;
    }
    stack = ServingStack.create("srv");
    feed = StreamFeed.on(stack);
    FeatureView v1 = stack.publishView(view(VIEW, "one", "\"1h\", \"1d\""), 1, "CREATED", false);
    spec = ViewSpecs.of(v1, VIEW);
    stack.publishView(view(VIEW, "two", "\"1h\", \"1d\""), 2, "METADATA_ONLY", false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\", \"%s@1:n\"]}"
            .formatted(SERVICE, VIEW, VIEW),
        1);

    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      long time = NOW - 48 * HOUR + (long) (random.nextDouble() * 48 * HOUR);
      ORACLE_EVENTS.add(event("u_oracle", time, "o" + i, random.nextInt(10_000) / 100.0));
    }
    feed.produce(VIEW, 1, ORACLE_EVENTS);
    presentEventMs = NOW - 30_000;
    feed.produce(
        VIEW,
        1,
        List.of(
            event("u_present", NOW - 20 * MINUTE, "p1", 5.0),
            event("u_present", presentEventMs, "p2", 7.5),
            event(STALE_USER, NOW - 3 * HOUR, "s1", 4.0)));
    // sealed before NOW - 6 min (lateness 5 min); STALE_USER's partition only before NOW - 2 h 5
    // min
    feed.seal(VIEW, 1, NOW - MINUTE, STALE_USER, NOW - 2 * HOUR);
    stack.publishView(view(BF_VIEW, "one", "\"1h\""), 1, "CREATED", false);
    feed.produce(BF_VIEW, 1, List.of(event("u1", NOW - 30 * MINUTE, "b1", 1.0)));
    feed.seal(BF_VIEW, 1, NOW - MINUTE);
  }

  /**
   * The first of u_stale, u_stale_1, ... whose partition of {@link #VIEW} is not {@code user}'s.
   */
  private static String onAnotherPartitionThan(String user) {
    int taken = StreamFeed.partitionOf(VIEW, user);
    for (int i = 0; ; i++) {
      String candidate = i == 0 ? "u_stale" : "u_stale_" + i;
      if (StreamFeed.partitionOf(VIEW, candidate) != taken) {
        return candidate;
      }
    }
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  @BeforeEach
  void followerCaughtUp() throws InterruptedException {
    StreamFeed.awaitCaughtUp(follower);
  }

  /** An event of a {@link #view} for {@code user}. */
  static Event event(String user, long timeMs, String id, double amount) {
    return new Event(user, timeMs, id, 0, Map.of("user_id", user, "amount", amount, "ts", timeMs));
  }

  @Test
  void answersAFeatureServiceForOneEntityWithStatusesVersionsAndEventTimes() throws Exception {
    JsonNode vector = get("/api/v1/feature-services/" + SERVICE + "/features?user_id=u_present");

    JsonNode values = vector.get("values");
    assertThat(values).hasSize(3);
    assertThat(values.get(0).get("name").asString()).isEqualTo(VIEW + ":spend:1h");
    assertThat(values.get(0).get("viewVersion").asInt()).isEqualTo(2);
    assertThat(values.get(0).get("value").asDouble()).isEqualTo(12.5);
    assertThat(values.get(0).get("status").asString()).isEqualTo("present");
    assertThat(Instant.parse(values.get(0).get("newestEventTime").asString()).toEpochMilli())
        .isEqualTo(presentEventMs);
    assertThat(values.get(1).get("name").asString()).isEqualTo(VIEW + ":spend:1d");
    assertThat(values.get(2).get("name").asString()).isEqualTo(VIEW + "@1:n:1h");
    assertThat(values.get(2).get("viewVersion").asInt()).isEqualTo(1);
    assertThat(values.get(2).get("value").asLong()).isEqualTo(2);
  }

  /**
   * The one-entity {@code GET} is answered without WebFlux's request path; its vector is the one
   * the whole path gives for the same entity and time (a {@code POST} with a query string goes the
   * whole way).
   */
  @Test
  void theOneEntityGetIsAnsweredDirectlyAsTheWholePathAnswersIt() throws Exception {
    Instant at = Instant.now();
    double answered = directlyAnswered();

    JsonNode direct =
        get("/api/v1/feature-services/%s/features?user_id=u_present&at=%s".formatted(SERVICE, at));
    assertThat(directlyAnswered()).isEqualTo(answered + 1);
    JsonNode whole =
        post(
            "/api/v1/features?through=whole",
            """
            {"featureService": "%s", "entities": [{"user_id": "u_present"}], "at": "%s"}
            """
                .formatted(SERVICE, at),
            200);
    assertThat(directlyAnswered()).as("the whole way").isEqualTo(answered + 1);

    assertThat(direct).isEqualTo(whole.get("results").get(0));
    assertThat(direct.get("values").get(0).get("status").asString()).isEqualTo("present");
  }

  private double directlyAnswered() {
    return meters.get("tessera.serving.rest.direct").tag("outcome", "answered").counter().count();
  }

  @Test
  void batchGetGivesEveryEntityItsStatusInRequestOrder() throws Exception {
    JsonNode response =
        post(
            "/api/v1/features",
            """
            {"features": ["%s:spend", "%s:n"],
             "entities": [{"user_id": "%s"}, {"user_id": "u_nobody"}, {"user_id": "u_present"}]}
            """
                .formatted(VIEW, VIEW, STALE_USER),
            200);

    JsonNode results = response.get("results");
    assertThat(results).hasSize(3);
    JsonNode stale = results.get(0).get("values");
    assertThat(results.get(0).get("entity").get("user_id").asString()).isEqualTo(STALE_USER);
    assertThat(stale.get(0).get("status").asString()).isEqualTo("stale");
    assertThat(stale.get(0).get("value").asDouble()).isEqualTo(0.0); // 1h: empty, the default
    assertThat(stale.get(1).get("value").asDouble()).isEqualTo(4.0); // 1d
    JsonNode nobody = results.get(1).get("values");
    assertThat(nobody.get(0).get("status").asString()).isEqualTo("not_found");
    assertThat(nobody.get(0).get("value").asDouble()).isEqualTo(0.0);
    assertThat(nobody.get(2).get("value").asLong()).isZero();
    assertThat(nobody.get(0).has("newestEventTime")).isFalse();
    assertThat(results.get(2).get("values").get(2).get("status").asString()).isEqualTo("present");
  }

  @Test
  void pastRequestTimesEqualABruteForceOracle() throws Exception {
    Random random = new Random(7);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long t = NOW - 40 * HOUR + (long) (random.nextDouble() * 40 * HOUR);
      if (i == 0) {
        t = ORACLE_EVENTS.get(5).eventTimeMs(); // an event exactly at t is excluded
      }
      JsonNode values =
          post(
                  "/api/v1/features",
                  """
                  {"features": ["%s:spend", "%s:n"], "entities": [{"user_id": "u_oracle"}], "at": "%s"}
                  """
                      .formatted(VIEW, VIEW, Instant.ofEpochMilli(t)),
                  200)
              .get("results")
              .get(0)
              .get("values");
      mismatches.addAll(OracleValues.mismatches(spec, feed.applied(VIEW), "u_oracle", t, values));
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void refusesBadRequestsWithProblemJson() throws Exception {
    JsonNode missingKey =
        post(
            "/api/v1/features",
            "{\"features\": [\"%s:spend\", \"%s:nope\", \"bad ref\"], \"entities\": [{\"x\": 1}]}"
                .formatted(VIEW, VIEW),
            400);
    assertThat(missingKey.get("errors").toString())
        .contains("has no feature 'nope'")
        .contains("bad ref");
    JsonNode unknownService =
        post(
            "/api/v1/features",
            "{\"featureService\": \"nope\", \"entities\": [{\"user_id\": \"u\"}]}",
            404);
    assertThat(unknownService.get("title").asString()).isEqualTo("Unknown feature service");
    JsonNode noKey =
        post(
            "/api/v1/features",
            "{\"features\": [\"%s:spend\"], \"entities\": [{\"x\": 1}]}".formatted(VIEW),
            400);
    assertThat(noKey.get("detail").asString()).contains("no value for 'user_id'");
  }

  @Test
  void grpcSingleAndBatchGetsEqualRest() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
    try {
      var stub =
          FeatureServingGrpc.newBlockingStub(channel)
              .withInterceptors(GrpcCredentials.bearer(TestApiKeys.READ))
              .withDeadlineAfter(Duration.ofSeconds(10));
      FeatureVector one =
          stub.getFeatures(
              GetFeaturesRequest.newBuilder()
                  .setSelection(FeatureSelection.newBuilder().setFeatureService(SERVICE))
                  .setEntity(Entity.newBuilder().putKeys("user_id", "u_present"))
                  .build());
      assertThat(one.getValuesCount()).isEqualTo(3);
      assertThat(one.getValues(0).getValue().getDoubleValue()).isEqualTo(12.5);
      assertThat(one.getValues(0).getStatus()).isEqualTo(Status.PRESENT);
      assertThat(
              one.getValues(0).getNewestEventTime().getSeconds() * 1000
                  + one.getValues(0).getNewestEventTime().getNanos() / 1_000_000)
          .isEqualTo(presentEventMs);
      assertThat(one.getValues(2).getViewVersion()).isEqualTo(1);

      GetFeaturesBatchResponse batch =
          stub.getFeaturesBatch(
              GetFeaturesBatchRequest.newBuilder()
                  .setSelection(
                      FeatureSelection.newBuilder()
                          .setFeatures(FeatureList.newBuilder().addReferences(VIEW + ":spend")))
                  .addEntities(Entity.newBuilder().putKeys("user_id", "u_nobody"))
                  .addEntities(Entity.newBuilder().putKeys("user_id", STALE_USER))
                  .build());
      assertThat(batch.getVectorsCount()).isEqualTo(2);
      assertThat(batch.getVectors(0).getValues(0).getStatus()).isEqualTo(Status.NOT_FOUND);
      assertThat(batch.getVectors(1).getValues(1).getStatus()).isEqualTo(Status.STALE);
      assertThat(batch.getVectors(1).getValues(1).getValue().getDoubleValue()).isEqualTo(4.0);

      StatusRuntimeException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              StatusRuntimeException.class,
              () ->
                  stub.getFeatures(
                      GetFeaturesRequest.newBuilder()
                          .setSelection(FeatureSelection.newBuilder().setFeatureService(SERVICE))
                          .build()));
      assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void unpinnedRequestsSwitchToABackfilledVersionOnlyWhenItsBackfillCompletes() throws Exception {
    stack.publishView(view(BF_VIEW, "two", "\"1h\", \"7d\""), 2, "SEMANTIC", true);
    String body =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}".formatted(BF_VIEW);
    String pinned =
        "{\"features\": [\"%s@2:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}"
            .formatted(BF_VIEW);
    await(() -> postStatus(pinned) == 200); // the registry has version 2
    JsonNode before = post("/api/v1/features", body, 200).get("results").get(0).get("values");
    assertThat(before).hasSize(1);
    assertThat(before.get(0).get("viewVersion").asInt()).isEqualTo(1);
    assertThat(before.get(0).get("value").asDouble()).isEqualTo(1.0);

    // the new version's history and stream, sealed by the owner: readable pinned at once
    feed.produce(
        BF_VIEW,
        2,
        List.of(
            event("u1", NOW - 30 * MINUTE, "b1", 1.0), event("u1", NOW - 50 * HOUR, "b0", 2.0)));
    feed.seal(BF_VIEW, 2, NOW - MINUTE);
    await(
        () ->
            post("/api/v1/features", pinned, 200)
                    .get("results")
                    .get(0)
                    .get("values")
                    .get(1)
                    .get("value")
                    .asDouble()
                == 3.0);
    JsonNode due = post("/api/v1/features", body, 200).get("results").get(0).get("values");
    assertThat(due.get(0).get("viewVersion").asInt()).as("backfill still due").isEqualTo(1);
    stack.publishBackfillCompleted(BF_VIEW, 2);

    await(
        () -> post("/api/v1/features", body, 200).get("results").get(0).get("values").size() == 2);
    JsonNode after = post("/api/v1/features", body, 200).get("results").get(0).get("values");
    assertThat(after.get(0).get("viewVersion").asInt()).isEqualTo(2);
    assertThat(after.get(1).get("window").asString()).isEqualTo("7d");
    assertThat(after.get(1).get("value").asDouble()).isEqualTo(3.0);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(100);
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private int postStatus(String body) throws Exception {
    return send(body).statusCode();
  }

  private HttpResponse<String> send(String body) throws Exception {
    return new FeaturesEndpoint(port).post(body);
  }

  JsonNode post(String path, String body, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    if (expectedStatus >= 400) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
    }
    return JSON.readTree(response.body());
  }
}
