package io.tessera.serving.rest;

import io.micrometer.observation.ObservationPredicate;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Feature reads are not observed as HTTP requests ({@code http.server.requests}); every other
 * endpoint still is. A feature read is timed by the serving path itself ({@code
 * tessera.serving.request} by kind, and its steps: docs/serving.md); the HTTP observation (a timer
 * and a long-task timer looked up by tags on every request) cost a few percent of the REST event
 * loop in the serving benchmark. What it alone recorded, the reads refused before the service (401,
 * 403, a malformed body), is no longer counted.
 */
@Configuration(proxyBeanMethods = false)
class FeatureReadObservations {

  private static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  private record Read(HttpMethod method, PathPattern path) {
    boolean matches(ServerHttpRequest request) {
      return method.equals(request.getMethod())
          && path.matches(request.getPath().pathWithinApplication());
    }
  }

  /** {@link FeaturesRoute}'s two endpoints. */
  private static final List<Read> READS =
      List.of(
          new Read(
              HttpMethod.POST, PathPatternParser.defaultInstance.parse(FeatureReadPaths.FEATURES)),
          new Read(
              HttpMethod.GET,
              PathPatternParser.defaultInstance.parse(FeatureReadPaths.ONE_ENTITY)));

  @Bean
  ObservationPredicate featureReadsUnobserved() {
    return (name, context) ->
        !(context instanceof ServerRequestObservationContext exchange
            && HTTP_SERVER_REQUESTS.equals(name)
            && READS.stream().anyMatch(read -> read.matches(exchange.getCarrier())));
  }
}
