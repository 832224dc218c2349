package io.tessera.benchmarks.serving;

import io.tessera.benchmarks.load.Zipf;
import io.tessera.testsupport.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.Executors;

/**
 * {@code POST /api/v1/features} for the benchmark's feature service, one entity or a batch, with
 * entities drawn Zipf-wise. A new body per request, and no caching on this side: every request is
 * served from the store's rows.
 */
final class RestCalls {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http;
  private final URI features;
  private final Zipf requests;

  RestCalls(URI features, Zipf requests) {
    // HTTP/1.1 with a connection pool (no h2c upgrade attempts); two threads to complete futures,
    // as the box has two cores and the server needs them more.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .executor(
                Executors.newFixedThreadPool(
                    2,
                    task -> {
                      Thread thread = new Thread(task, "rest-client");
                      thread.setDaemon(true); // a failed run must still end the JVM
                      return thread;
                    }))
            .build();
    this.features = features;
    this.requests = requests;
  }

  static String body(String... users) {
    StringJoiner entities = new StringJoiner(", ", "[", "]");
    for (String user : users) {
      entities.add("{\"user_id\": \"" + user + "\"}");
    }
    return "{\"featureService\": \""
        + BenchmarkDefinitions.SERVICE
        + "\", \"entities\": "
        + entities
        + "}";
  }

  /** A call of {@code entities} users per request. */
  OpenLoop.Call call(int entities) {
    return random -> {
      String[] users = new String[entities];
      for (int i = 0; i < entities; i++) {
        users[i] = HistoryLoader.user(requests.sample(random));
      }
      HttpRequest request =
          HttpRequest.newBuilder(features)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
              .POST(HttpRequest.BodyPublishers.ofString(body(users)))
              .build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(response -> response.statusCode() == 200 && response.body().length > 0);
    };
  }
}
