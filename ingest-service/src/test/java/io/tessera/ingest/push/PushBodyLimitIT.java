package io.tessera.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestHttp;
import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.StreamingUpload;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user's report: a 24 MB push answered 500 after half a minute, and the second one ran ingest
 * out of heap. Against the running app, over a real socket: an oversized body is refused with 413
 * problem+json within a second, declared or chunked, twice in a row, without reading the body, and
 * health answers after.
 */
@RealStackTest
class PushBodyLimitIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MB = 1024 * 1024;
  private final String view = UniqueNames.of("limit_view");
  private final String source = UniqueNames.of("src");
  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));

  @Test
  void refusesA24MegabyteBodyWithin413InASecondTwiceAndStaysHealthy() throws Exception {
    new RegistryTopic(topics.registry()).publishSpendView(view, source);
    try (IngestInstance ingest =
        IngestInstance.start(topics, Map.of("tessera.ingest.max-body-size", "1MB"))) {
      SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> supervisor.runningVersions().containsKey(view));
      IngestHttp http = new IngestHttp(ingest.port());
      StreamingUpload upload = new StreamingUpload("127.0.0.1", ingest.port());
      String path = "/api/v1/push/" + view;
      // Bodies under the limit are read and answered as before (and the app is warm).
      HttpResponse<String> ok = http.push(view, small(), "k1");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

      for (int attempt = 0; attempt < 2; attempt++) {
        for (boolean chunked : new boolean[] {false, true}) {
          StreamingUpload.Answer answer =
              upload.send(
                  "POST",
                  path,
                  Map.of(
                      "Content-Type",
                      "application/json",
                      "Authorization",
                      TestApiKeys.bearer(TestApiKeys.WRITE)),
                  24 * MB,
                  chunked);
          assertThat(answer.status()).as(answer.head()).isEqualTo(413);
          assertThat(answer.head().toLowerCase()).contains("application/problem+json");
          assertThat(answer.body()).contains("\"status\":413").contains("limit");
          assertThat(answer.toStatus())
              .as("attempt %d, chunked %s", attempt, chunked)
              .isLessThan(Duration.ofSeconds(1));
          // What the client wrote before it saw the answer is the server's reads plus what the
          // kernel buffered on both sides of the loopback connection: the send buffer (up to 4
          // MiB here) and a receive buffer autotuned as the server read (8.5 MiB in all was seen
          // in a CI run); half the body still shows the body was refused, not read to its end.
          assertThat(answer.bytesSent())
              .as("body bytes written before the answer")
              .isLessThan(12L * MB);
        }
        // The JDK's client writes on until the server closes, then hands over the same answer.
        HttpResponse<String> declared =
            http.push(view, HttpRequest.BodyPublishers.ofByteArray(hugeArray(24 * MB)), null);
        assertProblem(declared, 413);
      }

      HttpResponse<String> health = http.health();
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(http.push(view, small(), "k2").statusCode()).isEqualTo(200);
    }
  }

  private static String small() {
    return "[{\"user_id\": \"u1\", \"amount\": 1.5, \"ts\": " + System.currentTimeMillis() + "}]";
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).isNotBlank();
  }

  /** A JSON array of events, {@code bytes} long: valid, so only its size is wrong. */
  private static byte[] hugeArray(int bytes) {
    byte[] event = "{\"user_id\":\"u1\",\"amount\":1.5,\"ts\":1773153445120},".getBytes();
    byte[] body = new byte[bytes];
    body[0] = '[';
    int at = 1;
    while (at + event.length < bytes - 1) {
      System.arraycopy(event, 0, body, at, event.length);
      at += event.length;
    }
    body[at - 1] = ']';
    Arrays.fill(body, at, bytes, (byte) ' ');
    return body;
  }
}
