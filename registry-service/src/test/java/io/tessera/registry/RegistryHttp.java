package io.tessera.registry;

import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for the registry's API, as curl would use it. */
final class RegistryHttp {

  /** Scopes read and write, named {@code ci}: recorded as who registered what it puts. */
  static final String KEY = TestApiKeys.READ_WRITE;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  RegistryHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  Response put(String path, String body) {
    return send(
        request(path)
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response delete(String path) {
    return send(request(path).header("Authorization", TestApiKeys.bearer(KEY)).DELETE());
  }

  Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** A response with its body parsed as JSON when it is JSON. */
  record Response(HttpResponse<String> raw) {
    int status() {
      return raw.statusCode();
    }

    JsonNode json() {
      return JSON.readTree(raw.body());
    }

    String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + raw.body();
    }
  }
}
