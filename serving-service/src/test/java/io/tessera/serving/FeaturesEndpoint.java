package io.tessera.serving;

import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST /api/v1/features} of one serving instance, with the read key: how tests ask. */
final class FeaturesEndpoint {
  /** One client for the JVM: an endpoint is only a URI, cheap to make per request. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI features;

  FeaturesEndpoint(int port) {
    this.features = URI.create("http://localhost:" + port + "/api/v1/features");
  }

  /** The answer to {@code body}, whatever its status; at most 30 s. */
  HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(features)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
