package io.tessera.benchmarks.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.tessera.benchmarks.load.Zipf;
import io.tessera.testsupport.TestApiKeys;
import java.net.URI;
import java.time.Duration;
import java.util.StringJoiner;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * {@code POST /api/v1/features} for the benchmark's feature service, one entity or a batch, with
 * entities drawn Zipf-wise. A new body per request, and no caching on this side: every request is
 * served from the store's rows.
 *
 * <p>The client is Reactor Netty's on one event-loop thread with a pool of keep-alive connections:
 * the JDK's {@code HttpClient} spent about 0.9 ms of CPU per request here and, once answers queued,
 * opened a connection per outstanding request until every request timed out, so the generator and
 * not the server decided where REST saturated on this two-core box.
 */
final class RestCalls {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Enough for the in-flight requests of a saturated run; more would only queue in the server. */
  private static final int MAX_CONNECTIONS = 256;

  private final HttpClient http;
  private final String path;
  private final Zipf requests;

  RestCalls(URI features, Zipf requests) {
    ConnectionProvider connections =
        ConnectionProvider.builder("rest-client")
            .maxConnections(MAX_CONNECTIONS)
            .pendingAcquireMaxCount(-1) // OpenLoop bounds what is in flight
            .pendingAcquireTimeout(TIMEOUT)
            .build();
    this.http =
        HttpClient.create(connections)
            .runOn(LoopResources.create("rest-client", 1, true)) // daemon: a failed run still ends
            .baseUrl(features.getScheme() + "://" + features.getAuthority())
            .responseTimeout(TIMEOUT)
            .headers(
                headers ->
                    headers
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .set(HttpHeaderNames.AUTHORIZATION, TestApiKeys.bearer(TestApiKeys.READ)));
    this.path = features.getRawPath();
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
      return http.post()
          .uri(path)
          .send(ByteBufFlux.fromString(Mono.just(body(users))))
          .responseSingle(
              (response, content) ->
                  content
                      .asByteArray()
                      .map(bytes -> response.status().code() == 200 && bytes.length > 0)
                      .defaultIfEmpty(false))
          .toFuture();
    };
  }
}
