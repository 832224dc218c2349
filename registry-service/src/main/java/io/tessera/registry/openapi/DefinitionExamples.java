package io.tessera.registry.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Puts the example definitions on every PUT and {@code :validate} request body. */
@Component
public class DefinitionExamples implements OpenApiCustomizer {

  /** Example resource name → its summary in the console. */
  public static final Map<String, String> VIEW_EXAMPLES =
      ordered(
          "view-kafka-parquet", "Kafka stream, Parquet files backfill",
          "view-kinesis-jdbc-query", "Kinesis stream, JDBC query backfill",
          "view-kafka-csv", "Kafka stream, CSV files backfill",
          "view-kinesis-jsonl", "Kinesis stream, JSON-lines files backfill",
          "view-kafka-jdbc-table", "Kafka stream, JDBC table backfill");

  public static final Map<String, String> SERVICE_EXAMPLES =
      ordered("service-fraud-model", "Features of a fraud model, one pinned to view version 3");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) -> {
              if (!takesADefinition(path)) {
                return; // such as a view's backfills, whose bodies are no definitions
              }
              Map<String, String> examples =
                  path.startsWith("/api/v1/feature-views")
                      ? VIEW_EXAMPLES
                      : path.startsWith("/api/v1/feature-services") ? SERVICE_EXAMPLES : Map.of();
              Stream.of(item.getPut(), item.getPost())
                  .filter(operation -> operation != null && !examples.isEmpty())
                  .forEach(operation -> addExamples(operation, examples));
            });
  }

  /** {@code PUT /{kind}/{name}} and {@code POST /{kind}:validate}. */
  private static boolean takesADefinition(String path) {
    return path.endsWith("/{name}") || path.endsWith(":validate");
  }

  private static void addExamples(Operation operation, Map<String, String> examples) {
    RequestBody body = operation.getRequestBody();
    if (body == null) {
      body = new RequestBody().required(true);
      operation.setRequestBody(body);
    }
    if (body.getContent() == null) {
      body.setContent(new Content());
    }
    MediaType json =
        body.getContent()
            .computeIfAbsent(
                org.springframework.http.MediaType.APPLICATION_JSON_VALUE, k -> new MediaType());
    // The handler reads the raw text; the console should still show and send JSON objects.
    json.setSchema(new StringSchema().description("the definition, as a JSON object"));
    examples.forEach(
        (name, summary) ->
            json.addExamples(name, new Example().summary(summary).value(load(name))));
  }

  /** The example as a JSON value, so the console shows it as an object. */
  public static Object load(String name) {
    String resource = "/openapi/examples/" + name + ".json";
    try (InputStream in = DefinitionExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing example " + resource);
      }
      return JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
