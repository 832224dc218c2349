package io.tessera.ingest.support;

import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Ingest's HTTP API as a client (curl, an app) calls it: a real client over a real socket. */
public final class IngestHttp {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public IngestHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  /** {@code POST /api/v1/push/{view}} with a JSON body; {@code key} may be null. */
  public HttpResponse<String> push(String view, String body, String key)
      throws IOException, InterruptedException {
    return push(view, HttpRequest.BodyPublishers.ofString(body), key);
  }

  public HttpResponse<String> push(String view, HttpRequest.BodyPublisher body, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request("/api/v1/push/" + view).header("Content-Type", "application/json").POST(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request);
  }

  public HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  /** {@code GET /actuator/health}, which must answer within a few seconds whatever else runs. */
  public HttpResponse<String> health() throws IOException, InterruptedException {
    return send(request("/actuator/health").timeout(Duration.ofSeconds(5)).GET());
  }

  private HttpRequest.Builder request(String path) {
    // admin implies write: push and the replay jobs alike
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
