package io.tessera.harness.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.engine.function.CapExceeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/features} with explicit references, one entity, JSON in and out. */
public final class RestFeatureReads implements FeatureReads {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  // one client (its pool and selector thread) for every instance: Java 17's cannot be closed
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private final URI features;
  private final Map<String, String> headers;

  /**
   * @param base the serving instance's HTTP base address
   * @param headers sent with every request (credentials)
   */
  public RestFeatureReads(URI base, Map<String, String> headers) {
    this.features = base.resolve("/api/v1/features");
    this.headers = Map.copyOf(headers);
  }

  @Override
  public ServedVector read(
      String view, List<String> featureNames, String keyColumn, String entity, long atMs) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode references = body.putArray("features");
    featureNames.forEach(feature -> references.add(view + ":" + feature));
    body.putArray("entities").addObject().put(keyColumn, entity);
    body.put("at", Instant.ofEpochMilli(atMs).toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(features)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "serving answered " + response.statusCode() + ": " + response.body());
      }
      return vector(JSON.readTree(response.body()).path("results").get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static ServedVector vector(JsonNode result) {
    Map<String, Object> values = new HashMap<>();
    Map<String, String> statuses = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    for (JsonNode value : result.path("values")) {
      String key = ServedVector.key(value.path("feature").asText(), value.path("window").asText());
      values.put(key, engineValue(value.get("value")));
      statuses.put(key, value.path("status").asText());
      versions.put(key, value.path("viewVersion").asInt());
    }
    return new ServedVector(values, statuses, versions);
  }

  /** JSON back to the engine's types: whole numbers are longs, others doubles. */
  private static Object engineValue(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(engineValue(element)));
      return list;
    }
    if (node.has("moreThan")) {
      return new CapExceeded(node.get("moreThan").asInt());
    }
    throw new IllegalArgumentException("not a feature value: " + node);
  }

  @Override
  public String transport() {
    return "REST";
  }

  @Override
  public void close() {
    // the shared client stays
  }
}
