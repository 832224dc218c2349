package io.tessera.benchmarks.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One meter of a running service, from {@code /actuator/metrics/<name>?tag=k:v}: the endpoint sums
 * a statistic over every meter of that name and tags, so a per-partition gauge ({@code
 * tessera.serving.follower.lag}) reads as its total over the partitions.
 */
public final class Actuator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private final URI base;

  public Actuator(URI base) {
    this.base = base;
  }

  /**
   * The meter's first statistic (VALUE of a gauge, COUNT of a counter or timer); NaN when the
   * service does not answer or has no such meter (yet).
   *
   * @param tags {@code key:value} filters
   */
  public double value(String name, String... tags) {
    StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&')
          .append("tag=")
          .append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve(path.toString()))
                  .timeout(TIMEOUT)
                  .header("Authorization", TestApiKeys.bearer(TestApiKeys.METRICS))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Double.NaN;
      }
      JsonNode measurements = JSON.readTree(response.body()).path("measurements");
      return measurements.isEmpty() ? Double.NaN : measurements.get(0).path("value").asDouble();
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /** Heap in use now ({@code jvm.memory.used}, area heap), bytes. */
  public double heapUsed() {
    return value("jvm.memory.used", "area:heap");
  }
}
