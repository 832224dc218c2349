package io.tessera.benchmarks.serving;

import io.tessera.testsupport.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving-service's own timers, from {@code /actuator/prometheus}: {@code
 * tessera.serving.request} (by kind) and {@code tessera.serving.step} (resolve, validate, plan,
 * read, merge, finish). Two scrapes bracket a run; their difference is that run's server side.
 */
final class ServerMetrics {
  private static final String REQUEST = "tessera_serving_request_seconds";
  private static final String STEP = "tessera_serving_step_seconds";

  /** One scrape: every sample line, by its name plus labels as printed. */
  record Scrape(Map<String, Double> samples) {
    double get(String name, String label) {
      double sum = 0;
      for (Map.Entry<String, Double> e : samples.entrySet()) {
        String key = e.getKey();
        if (key.startsWith(name + "{") && key.contains(label)) {
          sum += e.getValue();
        }
      }
      return sum;
    }
  }

  /**
   * A run's server side: requests, their mean and bucketed p50/p99 (the upper bound of the
   * histogram bucket), and each step's mean and its rolling p99 as the server publishes it.
   */
  record RunTimers(
      String kind,
      long requests,
      double meanMs,
      double p50Ms,
      double p99Ms,
      Map<String, double[]> stepMeanAndP99Ms) {}

  private final HttpClient http;
  private final URI prometheus;

  /**
   * A client of its own: the load generator's pool may be queued full when a run ends, and a scrape
   * must not wait behind it.
   */
  ServerMetrics(URI prometheus) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.prometheus = prometheus;
  }

  /** The server's samples now; none (the server-side table then reads 0) if it does not answer. */
  Scrape scrape() throws InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(prometheus)
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", TestApiKeys.bearer(TestApiKeys.METRICS))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      System.err.println("could not scrape " + prometheus + ": " + e);
      return new Scrape(Map.of());
    }
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      try {
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // a value such as NaN in another format: not one of ours
      }
    }
    return new Scrape(samples);
  }

  static RunTimers between(Scrape before, Scrape after, String kind) {
    String tag = "kind=\"" + kind + "\"";
    double count = diff(before, after, REQUEST + "_count", tag);
    double sum = diff(before, after, REQUEST + "_sum", tag);
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String key : after.samples().keySet()) {
      if (key.startsWith(REQUEST + "_bucket{") && key.contains(tag)) {
        String le = key.replaceAll(".*le=\"([^\"]+)\".*", "$1");
        if (!le.equals("+Inf")) {
          buckets.put(
              Double.parseDouble(le),
              after.samples().get(key) - before.samples().getOrDefault(key, 0.0));
        }
      }
    }
    Map<String, double[]> steps = new LinkedHashMap<>();
    for (String step : List.of("resolve", "validate", "plan", "read", "merge", "finish")) {
      String stepTag = "step=\"" + step + "\"";
      double n = diff(before, after, STEP + "_count", stepTag);
      double s = diff(before, after, STEP + "_sum", stepTag);
      double p99 = after.get(STEP, stepTag + ",quantile=\"0.99\"");
      if (p99 == 0) {
        p99 = quantileAnyOrder(after, STEP, stepTag, "0.99");
      }
      steps.put(step, new double[] {n == 0 ? 0 : s / n * 1000, p99 * 1000});
    }
    return new RunTimers(
        kind,
        (long) count,
        count == 0 ? 0 : sum / count * 1000,
        percentile(buckets, count, 0.50) * 1000,
        percentile(buckets, count, 0.99) * 1000,
        steps);
  }

  private static double quantileAnyOrder(Scrape s, String name, String tag, String q) {
    for (Map.Entry<String, Double> e : s.samples().entrySet()) {
      String key = e.getKey();
      if (key.startsWith(name + "{")
          && key.contains(tag)
          && key.contains("quantile=\"" + q + "\"")) {
        return e.getValue();
      }
    }
    return 0;
  }

  private static double diff(Scrape before, Scrape after, String name, String tag) {
    return after.get(name, tag) - before.get(name, tag);
  }

  /** The smallest bucket bound holding {@code q} of the cumulative counts. */
  private static double percentile(TreeMap<Double, Double> cumulative, double count, double q) {
    List<Map.Entry<Double, Double>> entries = new ArrayList<>(cumulative.entrySet());
    for (Map.Entry<Double, Double> e : entries) {
      if (e.getValue() >= q * count) {
        return e.getKey();
      }
    }
    return Double.NaN;
  }
}
