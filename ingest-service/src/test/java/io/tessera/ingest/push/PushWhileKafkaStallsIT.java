package io.tessera.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestHttp;
import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.testsupport.PrivateKafka;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user's report: a Kafka outage held every push on the producer for minutes, exhausting the
 * servlet threads health also needs. Here ingest's producer writes to a broker of the test's own,
 * which the test stalls with {@code SIGSTOP}: pushes must answer 503 with {@code Retry-After}
 * within the configured bound, health must keep answering meanwhile, and once the broker runs again
 * a retry with the same {@code Idempotency-Key} is accepted.
 */
@RealStackTest
class PushWhileKafkaStallsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

  /** Scheduling on a busy two-core machine; far below the producer's own two minutes. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static final int CONCURRENT_PUSHES = 12;

  private static PrivateKafka kafka;

  private final String view = UniqueNames.of("stall_view");
  private final String source = UniqueNames.of("src");
  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = new PrivateKafka();
    kafka.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void answers503WithRetryAfterWithinTheBoundWhileKafkaStallsAndHealthKeepsAnswering()
      throws Exception {
    new RegistryTopic(topics.registry()).publishSpendView(view, source);
    // Only the producer writes to the private broker: definitions, sources and health use the
    // shared one, as they would while one broker of a cluster hangs.
    try (IngestInstance ingest =
        IngestInstance.start(
            topics,
            Map.of(
                "spring.kafka.producer.bootstrap-servers",
                kafka.bootstrap(),
                "tessera.ingest.push-ack-timeout",
                ACK_TIMEOUT.toMillis() + "ms"))) {
      SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> supervisor.runningVersions().containsKey(view));
      IngestHttp http = new IngestHttp(ingest.port());
      // The broker creates the topics on first use: wait until a push is acknowledged.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> http.push(view, events(), "warm-up").statusCode() == 200);

      kafka.pause();
      ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_PUSHES);
      List<Future<Timed>> pushes = new ArrayList<>();
      try {
        for (int i = 0; i < CONCURRENT_PUSHES; i++) {
          String key = "stalled-" + i;
          pushes.add(clients.submit(() -> Timed.of(() -> http.push(view, events(), key))));
        }
        // Health answers while every push waits on the stalled broker.
        for (int i = 0; i < 5; i++) {
          Timed health = Timed.of(http::health);
          assertThat(health.response().statusCode()).as(health.response().body()).isEqualTo(200);
          assertThat(health.took()).isLessThan(Duration.ofSeconds(3));
          Thread.sleep(300);
        }
        for (Future<Timed> push : pushes) {
          Timed answer = push.get();
          HttpResponse<String> response = answer.response();
          assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
          assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
          assertThat(response.headers().firstValue("Content-Type"))
              .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
          assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(503);
          assertThat(answer.took()).isLessThan(ACK_TIMEOUT.plus(SLACK));
        }
      } finally {
        kafka.resume();
        clients.shutdownNow();
      }
      // The broker is back: a retry of a refused push, under its key, is accepted.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> http.push(view, events(), "stalled-0").statusCode() == 200);
    }
  }

  private static String events() {
    long now = System.currentTimeMillis();
    return "[{\"user_id\": \"u1\", \"amount\": 1.5, \"ts\": " + now + "}]";
  }

  /** A response and how long it took. */
  private record Timed(HttpResponse<String> response, Duration took) {
    interface Call {
      HttpResponse<String> call() throws Exception;
    }

    static Timed of(Call call) throws Exception {
      long start = System.nanoTime();
      HttpResponse<String> response = call.call();
      return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
