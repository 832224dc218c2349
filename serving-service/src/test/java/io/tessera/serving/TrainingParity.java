package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invariant 5 checked as a user would: a training job over a spine (REST, Parquet output), then
 * every value of every row compared with what {@code POST /api/v1/features} answers for that entity
 * with {@code at} = the row's timestamp.
 */
final class TrainingParity {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  TrainingParity(int port) {
    this.port = port;
  }

  /**
   * Runs the job and compares; returns the training rows read back.
   *
   * @param rows spine rows with {@code user_id} and {@code timestamp} (ISO-8601) columns
   */
  List<Map<String, Object>> assertTrainingEqualsServing(
      String featureService, List<Map<String, Object>> rows, Path out) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/training-data?wait=true"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "featureService",
                                featureService,
                                "spine",
                                Map.of("rows", rows),
                                "output",
                                Map.of("path", out.toString())))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
    JsonNode job = JSON.readTree(response.body());
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("rowsDone").asLong()).isEqualTo(rows.size());

    List<Map<String, Object>> training = readRows(out);
    assertThat(training).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> trainingRow = training.get(i);
      JsonNode served =
          servedAt(featureService, rows.get(i).get("user_id"), rows.get(i).get("timestamp"));
      assertThat(served).hasSize(job.get("columns").size());
      for (JsonNode value : served) {
        String name = value.get("name").asString();
        assertThat(trainingRow).containsKey(name);
        assertThat(normalize(trainingRow.get(name)))
            .as("row %d (%s) %s", i, rows.get(i), name)
            .isEqualTo(normalize(value.get("value")));
      }
    }
    return training;
  }

  /**
   * What {@code POST /api/v1/features} answers for one user at {@code at}. An {@code unavailable}
   * value (a store call past its timeout, as on a cold, loaded machine) says nothing about parity,
   * so that request is asked again; a value still unavailable after that fails the test.
   */
  private JsonNode servedAt(String featureService, Object user, Object at) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "featureService",
                featureService,
                "entities",
                List.of(Map.of("user_id", user)),
                "at",
                at));
    JsonNode values = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/features"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      values = JSON.readTree(response.body()).get("results").get(0).get("values");
      boolean unavailable = false;
      for (JsonNode value : values) {
        unavailable |= value.path("status").asString("").equals("unavailable");
      }
      if (!unavailable) {
        return values;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("serving kept answering unavailable for " + body + ": " + values);
  }

  /** A value as comparable text: numbers by their double value, lists element by element. */
  private static String normalize(Object value) {
    if (value instanceof JsonNode node) {
      if (node.isNull()) {
        return "null";
      }
      if (node.isNumber()) {
        return String.valueOf(node.asDouble());
      }
      if (node.isArray()) {
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(normalize(item)));
        return items.toString();
      }
      return node.asString();
    }
    if (value == null) {
      return "null";
    }
    if (value instanceof Number number) {
      return String.valueOf(number.doubleValue());
    }
    if (value instanceof java.sql.Array array) {
      try {
        List<String> items = new ArrayList<>();
        for (Object item : (Object[]) array.getArray()) {
          items.add(normalize(item));
        }
        return items.toString();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return value.toString();
  }

  private static List<Map<String, Object>> readRows(Path parquet) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          row.put(meta.getColumnName(c), rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
