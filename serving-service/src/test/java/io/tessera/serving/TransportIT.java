package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.engine.event.Event;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureList;
import io.tessera.serving.v1.FeatureSelection;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.GetFeaturesRequest;
import io.tessera.serving.v1.Status;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * The transports themselves on the real stack: bodies that never reach the service (malformed, over
 * the 1 MB codec limit) are refused with problem+json before any read, and many requests in flight
 * at once are all answered correctly (no handler thread waits for the store, so none can run out),
 * each value merged from a sealed event in the store and an open one in the follower's memory.
 *
 * <p>The store's own limits are widened here: they are not what this test is about. At their
 * defaults, a burst of 200 requests of a few store calls each, all at once on two shared cores,
 * crosses the 256-call bulkhead or the 250 ms call timeout, and values come back {@code
 * unavailable} by design.
 */
@RealStackTest
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "tessera.serving.store.max-concurrent-calls=10000",
      "tessera.serving.store.call-timeout=20s",
      "tessera.serving.request-timeout=30s",
      "spring.cassandra.request.timeout=20s"
    })
class TransportIT {
  private static final long MINUTE = 60_000L;
  private static final long NOW = System.currentTimeMillis();

  /** Open in the follower's memory: after the watermark. */
  private static final long EVENT_MS = NOW - 30_000;

  /** Sealed in the store: before the watermark minus the allowed lateness (5 min). */
  private static final long SEALED_EVENT_MS = NOW - 20 * MINUTE;

  private static final String VIEW = UniqueNames.of("tr");
  private static final int CONCURRENT = 200;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ServingStack stack;
  private static StreamFeed feed;

  @LocalServerPort private int port;
  @Autowired private GrpcServer grpcServer;
  @Autowired private PartitionFollower follower;
  @Autowired private MeterRegistry meters;

  /** One connection per request in flight (HTTP/1.1), as independent clients would open. */
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingStack.create("tr");
    feed = StreamFeed.on(stack);
    stack.publishView(FeatureServingIT.view(VIEW, "one", "\"1h\""), 1, "CREATED", false);
    List<Event> events = new ArrayList<>();
    for (int user = 0; user < 10; user++) {
      String id = "u" + user;
      events.add(FeatureServingIT.event(id, SEALED_EVENT_MS, id + "s", user + 0.25));
      events.add(FeatureServingIT.event(id, EVENT_MS, id + "e", 0.25));
    }
    feed.produce(VIEW, 1, events);
    feed.seal(VIEW, 1, NOW - MINUTE); // the older event of each user in the store, the newer open
    feed.register(registry);
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

  /**
   * A plain read is answered without WebFlux's request path, its body sent whole or in chunks; the
   * same read with a query string (which the route ignores) goes the whole way: all three answers
   * are the same, headers included.
   */
  @Test
  void aPlainReadIsAnsweredDirectlyAsTheWholePathAnswersIt() throws Exception {
    String body =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u3\"}], \"at\": \"%s\"}"
            .formatted(VIEW, Instant.now());
    double answered = direct("answered");

    HttpResponse<String> direct = post(body);
    HttpResponse<String> chunked =
        http.send(
            request(
                "/api/v1/features",
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))),
            HttpResponse.BodyHandlers.ofString());
    assertThat(direct("answered")).isEqualTo(answered + 2);
    HttpResponse<String> whole =
        http.send(
            request("/api/v1/features?through=whole", HttpRequest.BodyPublishers.ofString(body)),
            HttpResponse.BodyHandlers.ofString());
    assertThat(direct("answered")).as("the whole way").isEqualTo(answered + 2);

    for (HttpResponse<String> response : List.of(direct, chunked, whole)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(whole.body());
      assertThat(headersButFraming(response)).isEqualTo(headersButFraming(whole));
    }
    assertThat(headersButFraming(direct)).containsKeys("X-Content-Type-Options", "Cache-Control");
  }

  /**
   * The service's refusals of a read taken directly are written there, as the whole path writes
   * them: an unknown feature and an invalid entity.
   */
  @Test
  void theServicesRefusalsAreAnsweredDirectlyAsTheWholePathAnswersThem() throws Exception {
    for (String body :
        List.of(
            "{\"features\": [\"no_such_view:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}",
            "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": 1.5}]}".formatted(VIEW))) {
      double answered = direct("answered");
      double handedOn = direct("handed_on");

      HttpResponse<String> direct = post(body);
      assertThat(direct("answered")).as(body).isEqualTo(answered + 1);
      HttpResponse<String> whole =
          http.send(
              request("/api/v1/features?through=whole", HttpRequest.BodyPublishers.ofString(body)),
              HttpResponse.BodyHandlers.ofString());

      assertThat(direct("handed_on")).as(body).isEqualTo(handedOn);
      assertThat(direct.statusCode()).as(direct.body()).isBetween(400, 499);
      assertThat(direct.statusCode()).isEqualTo(whole.statusCode());
      assertThat(JSON.readTree(direct.body())).isEqualTo(JSON.readTree(whole.body()));
      assertThat(headersButFraming(direct)).isEqualTo(headersButFraming(whole));
    }
  }

  @Test
  void malformedJsonIsABadRequestInProblemJson() throws Exception {
    double handedOn = direct("handed_on");

    HttpResponse<String> response = post("{\"features\": [\"" + VIEW + ":spend\", \"entities\"");

    assertThat(direct("handed_on")).as("taken directly, then handed on").isEqualTo(handedOn + 1);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/features");
  }

  @Test
  void aBodyOverTheCodecLimitIsRefusedFastWith413ProblemJson() throws Exception {
    StringBuilder body =
        new StringBuilder("{\"features\": [\"" + VIEW + ":spend\"], \"entities\": [");
    while (body.length() < 2 * 1024 * 1024) {
      body.append("{\"user_id\": \"u0\"},");
    }
    body.append("{\"user_id\": \"u0\"}]}");

    long start = System.nanoTime();
    HttpResponse<String> response = post(body.toString());
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(413);
    assertThat(tookMs).as("answered in %d ms", tookMs).isLessThan(2_000);
  }

  @Test
  void twoHundredConcurrentRestRequestsAreAllAnswered() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      String body =
          "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u%d\"}]}"
              .formatted(VIEW, i % 10);
      responses.add(http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    for (int i = 0; i < CONCURRENT; i++) {
      HttpResponse<String> response = responses.get(i).join();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode value = JSON.readTree(response.body()).get("results").get(0).get("values").get(0);
      assertThat(value.get("status").asString()).as("request %d", i).isEqualTo("present");
      assertThat(value.get("value").asDouble()).as("request %d", i).isEqualTo(i % 10 + 0.5);
    }
  }

  @Test
  void twoHundredConcurrentGrpcCallsAreAllAnswered() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
    try {
      var stub =
          FeatureServingGrpc.newFutureStub(channel)
              .withInterceptors(GrpcCredentials.bearer(TestApiKeys.READ))
              .withDeadlineAfter(Duration.ofSeconds(30));
      List<ListenableFuture<FeatureVector>> calls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        calls.add(
            stub.getFeatures(
                GetFeaturesRequest.newBuilder()
                    .setSelection(
                        FeatureSelection.newBuilder()
                            .setFeatures(FeatureList.newBuilder().addReferences(VIEW + ":spend")))
                    .setEntity(Entity.newBuilder().putKeys("user_id", "u" + i % 10))
                    .build()));
      }
      for (int i = 0; i < CONCURRENT; i++) {
        FeatureVector vector = calls.get(i).get(30, TimeUnit.SECONDS);
        assertThat(vector.getValues(0).getStatus()).as("call %d", i).isEqualTo(Status.PRESENT);
        assertThat(vector.getValues(0).getValue().getDoubleValue())
            .as("call %d", i)
            .isEqualTo(i % 10 + 0.5);
      }
    } finally {
      channel.shutdownNow();
    }
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(request(body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String body) {
    return request("/api/v1/features", HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest request(String path, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
        .POST(body)
        .build();
  }

  /** Feature reads taken without WebFlux's request path, by what came of them. */
  private double direct(String outcome) {
    return meters.get("tessera.serving.rest.direct").tag("outcome", outcome).counter().count();
  }

  /** The answer's headers but how its body is framed (a length, or chunks). */
  private static Map<String, List<String>> headersButFraming(HttpResponse<String> response) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(response.headers().map());
    headers.remove("Content-Length");
    headers.remove("Transfer-Encoding");
    return headers;
  }
}
