package io.tessera.harness.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The registry's HTTP API as an operator uses it: PUT a feature view or service with an API key.
 */
public final class RegistryApi {

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String apiKey;

  public RegistryApi(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  /**
   * Registers (or re-registers) a view and returns the response body.
   *
   * @throws IllegalStateException unless the registry answers 200 or 201
   */
  public String putView(String name, String json) {
    return put("/api/v1/feature-views/", name, json);
  }

  /** Registers (or re-registers) a feature service; as {@link #putView}. */
  public String putService(String name, String json) {
    return put("/api/v1/feature-services/", name, json);
  }

  private String put(String path, String name, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path + name))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 && response.statusCode() != 201) {
        throw new IllegalStateException(
            "PUT " + path + name + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("PUT " + path + name + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
