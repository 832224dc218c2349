package io.tessera.benchmarks.pipeline;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client of a serving follower sees: the probe entities' served event counts, several
 * entities in one {@code POST /api/v1/features} (REST, as an application calls it).
 */
final class ServedCounts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final URI features;
  private final String reference;

  ServedCounts(URI servingBase, String view) {
    this.features = servingBase.resolve("/api/v1/features");
    this.reference = view + ":" + PipelineView.COUNT_FEATURE;
  }

  /** Each entity's served lifetime count; an entity missing from the answer is left out. */
  Map<String, Long> read(List<String> entities) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("features").add(reference);
    entities.forEach(entity -> body.withArray("entities").addObject().put("user_id", entity));
    HttpRequest request =
        HttpRequest.newBuilder(features)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    Map<String, Long> counts = new HashMap<>();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return counts;
      }
      JsonNode results = JSON.readTree(response.body()).path("results");
      for (int i = 0; i < results.size() && i < entities.size(); i++) {
        for (JsonNode value : results.get(i).path("values")) {
          if (PipelineView.COUNT_WINDOW.equals(value.path("window").asText())
              && value.path("value").isNumber()) {
            counts.put(entities.get(i), value.path("value").asLong());
          }
        }
      }
    } catch (IOException e) {
      // not answered: "not yet" for every probe of this read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return counts;
  }
}
