package io.tessera.serving.rest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * What Spring's annotated mapping checked before a feature read's handler ran, checked the same way
 * and in the same order, with the same exceptions (so {@code ServingProblems}' neighbour, Boot's
 * problem-details handler, answers them as before): the method ({@code 405}, or the answer to
 * {@code OPTIONS}), the {@code Content-Type} of a body ({@code 415}), then {@code Accept} ({@code
 * 406}). The route matches the path alone, so a request on the path with anything else wrong gets
 * these answers rather than a {@code 404}.
 *
 * @param method the one method of the endpoint ({@code GET} also answers {@code HEAD})
 * @param consumesJson whether the endpoint takes a JSON body
 */
record EndpointConditions(HttpMethod method, boolean consumesJson) {
  private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

  /**
   * The answer when the request is not for this endpoint's handler ({@code OPTIONS}, or an error),
   * else null.
   */
  Mono<ServerResponse> refusal(ServerRequest request) {
    HttpMethod requested = request.method();
    if (!(method.equals(requested)
        || (HttpMethod.GET.equals(method) && HttpMethod.HEAD.equals(requested)))) {
      if (HttpMethod.OPTIONS.equals(requested)) {
        return ServerResponse.ok().headers(headers -> headers.setAllow(allowed())).build();
      }
      return Mono.error(new MethodNotAllowedException(requested, Set.of(method)));
    }
    if (consumesJson) {
      MediaType contentType;
      try {
        contentType = request.headers().asHttpHeaders().getContentType();
      } catch (InvalidMediaTypeException e) {
        return Mono.error(new UnsupportedMediaTypeStatusException(e.getMessage(), JSON));
      }
      if (!MediaType.APPLICATION_JSON.includes(
          contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType)) {
        return Mono.error(new UnsupportedMediaTypeStatusException(contentType, JSON, requested));
      }
    }
    if (!acceptsJson(request.headers().header(HttpHeaders.ACCEPT))) {
      return Mono.error(new NotAcceptableStatusException(JSON));
    }
    return null;
  }

  /** As the mapping's {@code OPTIONS} answer lists them: {@code HEAD} with {@code GET}. */
  private Set<HttpMethod> allowed() {
    Set<HttpMethod> allowed = new LinkedHashSet<>();
    allowed.add(method);
    if (HttpMethod.GET.equals(method)) {
      allowed.add(HttpMethod.HEAD);
    }
    allowed.add(HttpMethod.OPTIONS);
    return allowed;
  }

  /** No {@code Accept}, or one compatible with {@code application/json}; unparseable is not. */
  static boolean acceptsJson(List<String> accept) {
    if (accept.isEmpty()) {
      return true;
    }
    try {
      for (MediaType type : MediaType.parseMediaTypes(accept)) {
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
          return true;
        }
      }
      return false;
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
