package io.tessera.benchmarks.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Whether the follower serves the loaded history exactly: for sampled users (the hottest ten and
 * others drawn uniformly), count, sum, mean, max and last of {@code amount} over 1h, 1d and 7d at
 * the history's end, over REST, against a brute-force oracle over the generated events (doubles to
 * a relative 1e-9: a sum's rounding depends on its order).
 */
public final class ExactValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Long> WINDOW_MS =
      Map.of("1h", 3_600_000L, "1d", 86_400_000L, "7d", 7 * 86_400_000L);

  /** Serving's limit on entities per request. */
  private static final int MAX_ENTITIES_PER_REQUEST = 100;

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI features;
  private final HistoryLoader history;
  private final List<Integer> sample = new ArrayList<>();

  public ExactValues(URI servingBase, HistoryLoader history, int users, int sampled) {
    this.features = servingBase.resolve("/api/v1/features");
    this.history = history;
    TreeSet<Integer> ranks = new TreeSet<>();
    for (int rank = 1; rank <= Math.min(10, users); rank++) {
      ranks.add(rank);
    }
    SplittableRandom random = new SplittableRandom(42);
    while (ranks.size() < Math.min(sampled, users)) {
      ranks.add(1 + random.nextInt(users));
    }
    sample.addAll(ranks);
  }

  public int sampled() {
    return sample.size();
  }

  /** How many sampled values differ from the oracle now (all of them if serving fails). */
  public int wrongValues() {
    int wrong = 0;
    for (int from = 0; from < sample.size(); from += MAX_ENTITIES_PER_REQUEST) {
      wrong +=
          wrongValues(
              sample.subList(from, Math.min(sample.size(), from + MAX_ENTITIES_PER_REQUEST)));
    }
    return wrong;
  }

  private int wrongValues(List<Integer> ranks) {
    ObjectNode body = JSON.createObjectNode();
    BenchmarkDefinitions.EXACT_FEATURES.forEach(
        f -> body.withArray("features").add(BenchmarkDefinitions.VIEW + ":" + f));
    ranks.forEach(
        rank -> body.withArray("entities").addObject().put("user_id", HistoryLoader.user(rank)));
    body.put("at", Instant.ofEpochMilli(history.endMs()).toString());
    int all = ranks.size() * BenchmarkDefinitions.EXACT_FEATURES.size() * WINDOW_MS.size();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(features)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("serving answered " + response.statusCode() + ": " + response.body());
        return all;
      }
      JsonNode results = JSON.readTree(response.body()).path("results");
      int wrong = 0;
      for (int i = 0; i < ranks.size(); i++) {
        wrong += wrong(ranks.get(i), results.path(i).path("values"));
      }
      return wrong;
    } catch (IOException e) {
      System.err.println("serving did not answer: " + e);
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return all;
    }
  }

  private int wrong(int rank, JsonNode values) {
    long[] times = history.times(rank);
    double[] amounts = history.amounts(rank);
    int wrong = 0;
    int answered = 0;
    for (JsonNode value : values) {
      Long windowMs = WINDOW_MS.get(value.path("window").asText());
      if (windowMs == null) {
        continue;
      }
      answered++;
      long from = history.endMs() - windowMs;
      long n = 0;
      double sum = 0;
      double max = Double.NEGATIVE_INFINITY;
      double last = Double.NaN;
      for (int i = 0; i < times.length; i++) {
        if (times[i] >= from && times[i] < history.endMs()) {
          n++;
          sum += amounts[i];
          max = Math.max(max, amounts[i]);
          last = amounts[i]; // times ascend
        }
      }
      JsonNode served = value.path("value");
      boolean right =
          switch (value.path("feature").asText()) {
            case "n" -> n == 0 ? served.asLong(0) == 0 : served.asLong(-1) == n;
            case "spend" -> n == 0 || close(served, sum);
            case "avg" -> n == 0 || close(served, sum / n);
            case "top" -> n == 0 || close(served, max);
            case "latest" -> n == 0 || close(served, last);
            default -> true;
          };
      wrong += right ? 0 : 1;
    }
    int expected = BenchmarkDefinitions.EXACT_FEATURES.size() * WINDOW_MS.size();
    return wrong + Math.max(0, expected - answered);
  }

  private static boolean close(JsonNode served, double expected) {
    if (!served.isNumber()) {
      return false;
    }
    double actual = served.asDouble();
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
}
