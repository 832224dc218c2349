package io.tessera.benchmarks.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.benchmarks.metrics.Actuator;
import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One training-data job through serving's REST endpoint, as an operator runs it: {@code POST
 * /api/v1/training-data}, then {@code GET} its status until it is final. While it runs, the serving
 * process's heap in use is sampled: its highest sample is the run's peak (garbage included).
 */
final class TrainingJobClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Between status polls and heap samples: fine enough for a job of seconds, cheap for serving. */
  private static final long POLL_MS = 100;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI base;
  private final Actuator serving;

  TrainingJobClient(URI servingBase) {
    this.base = servingBase;
    this.serving = new Actuator(servingBase);
  }

  /**
   * What one job did.
   *
   * @param wallSeconds from the request to the final status (spine load, sweep, output written)
   * @param sweepRowsPerSecond the job's own rate: rows done per second of running
   * @param peakHeapBytes the highest heap in use sampled while the job ran
   */
  record Result(
      String state,
      long rowsDone,
      double wallSeconds,
      double sweepRowsPerSecond,
      double peakHeapBytes,
      String error) {}

  /** Runs a job of {@code service} over {@code spine} into {@code output}; waits at most 1 h. */
  Result run(String service, Path spine, Path output) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "featureService",
                service,
                "spine",
                Map.of("path", spine.toString()),
                "output",
                Map.of("path", output.toString(), "overwrite", true)));
    long start = System.nanoTime();
    HttpResponse<String> accepted =
        http.send(
            request("/api/v1/training-data")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (accepted.statusCode() != 202 && accepted.statusCode() != 200) {
      throw new IllegalStateException(
          "serving refused the job: " + accepted.statusCode() + " " + accepted.body());
    }
    JsonNode status = JSON.readTree(accepted.body());
    String location = "/api/v1/training-data/" + status.path("id").asText();
    double peakHeap = 0;
    long deadline = start + Duration.ofHours(1).toNanos();
    while (!isFinal(status) && System.nanoTime() < deadline) {
      Thread.sleep(POLL_MS);
      peakHeap = Math.max(peakHeap, serving.heapUsed());
      status = JSON.readTree(get(location));
    }
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        status.path("state").asText(),
        status.path("rowsDone").asLong(),
        wallSeconds,
        status.path("rowsPerSecond").asDouble(),
        peakHeap,
        status.path("error").asText(""));
  }

  private String get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN));
  }

  private static boolean isFinal(JsonNode status) {
    String state = status.path("state").asText();
    return !state.equals("queued") && !state.equals("running");
  }
}
