package io.tessera.benchmarks.pipeline;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.e2e.pipeline.ServiceSpecs;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.view.ViewSpec;
import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongPredicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two ways a probe asks "is my event readable yet": the lifetime {@code events} count of the
 * probe entity, read through the engine's read plan from Cassandra, or served by serving-service's
 * {@code POST /api/v1/features}.
 */
final class ReadPaths {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ReadPaths() {}

  static LongPredicate readPlan(TileStore store, ViewSpec view, String entity) {
    ViewReader reader = new ViewReader(view);
    EntityRef ref = new EntityRef(view.name(), entity);
    WindowSpec lifetime = WindowSpec.lifetime();
    return expected ->
        (Long) reader.read(store, ref, System.currentTimeMillis() + 1).get("events", lifetime)
            >= expected;
  }

  static LongPredicate serving(URI servingBase, String view, String entity) {
    String body =
        """
        {"features": ["%s:events"], "entities": [{"user_id": "%s"}]}"""
            .formatted(view, entity);
    HttpRequest request =
        HttpRequest.newBuilder(servingBase.resolve("/api/v1/features"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(ServiceSpecs.READ_KEY))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return expected -> {
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          return false;
        }
        for (JsonNode value :
            JSON.readTree(response.body()).path("results").path(0).path("values")) {
          if ("lifetime".equals(value.path("window").asString())) {
            return value.path("value").asLong(-1) >= expected;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }
}
