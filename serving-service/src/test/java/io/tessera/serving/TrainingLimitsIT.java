package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.BadBodyVerdict;
import io.tessera.testsupport.HostileJson;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a training-data request may cost and touch, on the real stack: a bounded job queue (429 with
 * {@code Retry-After} when full); spines and outputs only under the configured directories (no
 * {@code ..}, no absolute path or symbolic link leading out, no existing output replaced unless
 * asked); batch sources only under theirs or at allow-listed JDBC URLs, and a batch source's SQL
 * cannot read {@code /etc/passwd} through the embedded DuckDB. The instance is a follower of an
 * empty normalized topic: what a job may touch is the question here, not what it reads.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingLimitsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VIEW = UniqueNames.of("lim");
  private static final String PASSWD_QUERY = UniqueNames.of("pwq");
  private static final String PASSWD_FILE = UniqueNames.of("pwf");
  private static final String ELSEWHERE = UniqueNames.of("jdbc");
  private static final int MAX_PENDING = 2;

  private static ServingStack stack;
  private static StreamFeed feed;
  private static Path work;

  @LocalServerPort private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingStack.create("lim");
    work = Files.createTempDirectory("tessera-limits");
    stack.publishView(
        """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "n", "function": "count", "windows": ["1h", "7d"]}]}
        """
            .formatted(VIEW),
        1,
        "CREATED",
        false);
    publishWithBatchSource(
        PASSWD_QUERY,
        "{\"type\": \"jdbc\", \"url\": \"jdbc:duckdb:\", \"query\":"
            + " \"SELECT 'u1' AS user_id, 1.0 AS amount, 1 AS ts FROM read_csv('/etc/passwd', sep = ':')\"}");
    publishWithBatchSource(
        PASSWD_FILE, "{\"type\": \"files\", \"format\": \"csv\", \"path\": \"/etc/passwd\"}");
    publishWithBatchSource(
        ELSEWHERE,
        "{\"type\": \"jdbc\", \"url\": \"jdbc:postgresql://elsewhere:5432/db\", \"table\": \"t\"}");
    feed = StreamFeed.on(stack);
    feed.register(registry);
    registry.add("tessera.serving.training.max-pending-jobs", () -> MAX_PENDING);
    registry.add("tessera.serving.training.spine-dirs", () -> work.toString());
    registry.add("tessera.serving.training.output-dirs", () -> work.toString());
    registry.add(
        "tessera.serving.training.batch-source-dirs", () -> work.resolve("batch").toString());
    registry.add("tessera.serving.training.jdbc-urls", () -> "jdbc:duckdb:");
  }

  private static void publishWithBatchSource(String name, String batchSource) throws Exception {
    stack.publishView(
        """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "batchSource": %s, "eventId": "user_id",
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
        """
            .formatted(name, batchSource),
        1,
        "CREATED",
        false);
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  /**
   * Every member of a valid request at every edge value, and a sample of other hostile bodies: a
   * 4xx problem+json or an accepted job (cancelled at once), never a 5xx.
   */
  @Test
  void everyBadBodyIsAnsweredWithAProblemNeverAServerError() throws Exception {
    String valid =
        """
        {"features": ["%s:n"], "timestampColumn": "timestamp",
         "spine": {"rows": [{"user_id": "u1", "timestamp": 1773153445120}], "format": "csv"},
         "output": {"path": "%s", "format": "csv", "overwrite": true}}"""
            .formatted(VIEW, work.resolve("hostile.csv"));
    List<String> bodies = new ArrayList<>(HostileJson.everyMemberAtItsEdges(valid));
    HostileJson.bodies(valid).sampleStream().limit(300).forEach(bodies::add);
    List<String> accepted = new ArrayList<>();
    for (String body : bodies) {
      HttpResponse<String> response = postText(body);
      BadBodyVerdict.assertAnsweredCleanly(response, body);
      if (response.statusCode() == 202) {
        accepted.add(JSON.readTree(response.body()).get("id").asString());
      }
    }
    for (String id : accepted) {
      send("DELETE", "/api/v1/training-data/" + id);
    }
    for (String id : accepted) {
      awaitFinal(id);
    }
  }

  @Test
  void aFullJobQueueIsRefusedWith429AndRetryAfterUntilAJobFinishes() throws Exception {
    Path spine = work.resolve("big.csv");
    StringBuilder csv = new StringBuilder("user_id,timestamp\n");
    long now = System.currentTimeMillis();
    for (int i = 0; i < 200_000; i++) {
      csv.append("nobody_").append(i % 40_000).append(',').append(now - i).append('\n');
    }
    Files.writeString(spine, csv);
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < MAX_PENDING; i++) {
      HttpResponse<String> job = submit(Map.of("path", spine.toString()), "big-" + i + ".parquet");
      assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
      accepted.add(JSON.readTree(job.body()).get("id").asString());
    }

    HttpResponse<String> refused = submit(Map.of("path", spine.toString()), "refused.parquet");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("detail").asString()).contains("max-pending-jobs");

    for (String id : accepted) {
      send("DELETE", "/api/v1/training-data/" + id);
    }
    for (String id : accepted) {
      awaitFinal(id);
    }
    HttpResponse<String> again = submit(Map.of("path", spine.toString()), "again.parquet");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    send("DELETE", "/api/v1/training-data/" + JSON.readTree(again.body()).get("id").asString());
  }

  @Test
  void spinePathsLeadingOutOfTheSpineDirectoriesAreRefused() throws Exception {
    Files.writeString(work.resolve("inside.csv"), "user_id,timestamp\nu1,1773153445120\n");
    Path link = work.resolve("passwd.csv");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of("/etc/passwd"));

    assertProblem(submit(Map.of("path", work + "/sub/../inside.csv"), "a.csv"), 400, "'..'");
    assertProblem(submit(Map.of("path", "../inside.csv"), "a.csv"), 400, "'..'");
    assertProblem(submit(Map.of("path", "/etc/passwd", "format", "csv"), "a.csv"), 403, "outside");
    assertProblem(
        submit(Map.of("path", "file:///etc/passwd", "format", "csv"), "a.csv"), 403, "outside");
    assertProblem(submit(Map.of("path", link.toString()), "a.csv"), 403, "outside");
    assertProblem(submit(Map.of("path", "s3://bucket/spine.csv"), "a.csv"), 400, "local file");
  }

  @Test
  void outputsAreWrittenOnlyInsideTheOutputDirectoriesAndReplaceOnlyWhenAsked() throws Exception {
    Map<String, Object> spine =
        Map.of("rows", List.of(Map.of("user_id", "u1", "timestamp", System.currentTimeMillis())));
    Path elsewhere = Path.of(System.getProperty("java.io.tmpdir"), UniqueNames.of("elsewhere"));

    assertProblem(submit(spine, elsewhere.resolve("out.csv").toString(), false), 403, "outside");
    assertThat(elsewhere).doesNotExist(); // no directory created anywhere on the host
    assertProblem(submit(spine, "/root/out.csv", false), 403, "outside");
    assertProblem(submit(spine, "../out.csv", false), 400, "'..'");

    String name = UniqueNames.of("out") + ".csv";
    HttpResponse<String> first = submit(spine, name, true);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).get("state").asString()).isEqualTo("succeeded");
    assertThat(work.resolve(name)).exists();
    assertProblem(submit(spine, name, true), 400, "overwrite");
    HttpResponse<String> replaced = submit(spine, name, true, true);
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(JSON.readTree(replaced.body()).get("state").asString()).isEqualTo("succeeded");
  }

  @Test
  void batchSourcesReachOnlyTheirDirectoriesAndAllowListedUrls() throws Exception {
    Map<String, Object> spine =
        Map.of("rows", List.of(Map.of("user_id", "u1", "timestamp", System.currentTimeMillis())));

    assertProblem(submit(PASSWD_FILE, spine, UniqueNames.of("o") + ".csv"), 403, "outside");
    assertProblem(
        submit(ELSEWHERE, spine, UniqueNames.of("o") + ".csv"),
        403,
        "tessera.serving.training.jdbc-urls");

    // An allow-listed jdbc:duckdb: source runs its SQL in the sandbox: /etc/passwd stays closed.
    HttpResponse<String> job = submit(PASSWD_QUERY, spine, UniqueNames.of("o") + ".csv");
    assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
    JsonNode status = JSON.readTree(job.body());
    assertThat(status.get("state").asString()).isEqualTo("failed");
    assertThat(status.get("error").asString()).contains("Permission Error").contains("/etc/passwd");
  }

  private void assertProblem(HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(response.body()).get("detail").asString()).contains(detail);
  }

  private HttpResponse<String> submit(String view, Map<String, Object> spine, String output)
      throws Exception {
    return post(
        Map.of("features", List.of(view + ":n"), "spine", spine, "output", Map.of("path", output)),
        true);
  }

  private HttpResponse<String> submit(Map<String, Object> spine, String output, boolean wait)
      throws Exception {
    return submit(spine, output, wait, false);
  }

  private HttpResponse<String> submit(
      Map<String, Object> spine, String output, boolean wait, boolean overwrite) throws Exception {
    return post(
        Map.of(
            "features",
            List.of(VIEW + ":n"),
            "spine",
            spine,
            "output",
            Map.of("path", output, "overwrite", overwrite)),
        wait);
  }

  private HttpResponse<String> submit(Map<String, Object> spine, String output) throws Exception {
    return submit(spine, work.resolve(output).toString(), false);
  }

  private HttpResponse<String> post(Map<String, Object> request, boolean wait) throws Exception {
    return post(JSON.writeValueAsString(request), wait);
  }

  private HttpResponse<String> postText(String body) throws Exception {
    return post(body, false);
  }

  private HttpResponse<String> post(String body, boolean wait) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/training-data?wait=" + wait))
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitFinal(String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      String state =
          JSON.readTree(send("GET", "/api/v1/training-data/" + id).body()).get("state").asString();
      if (!state.equals("running") && !state.equals("queued")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
