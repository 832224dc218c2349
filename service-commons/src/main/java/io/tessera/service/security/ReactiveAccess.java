package io.tessera.service.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The {@link AccessPolicy} on WebFlux (serving), as {@link ServletAccess} is on Spring MVC: the
 * same patterns parsed by the same parser, matched against the path within the application, so a
 * rule selects the same requests on both stacks.
 *
 * <p>One filter decides in one synchronous step, as serving's gRPC interceptor does: which rule the
 * request falls under, its bearer credential, whether that credential may, and the 401/403 answer
 * when not. Spring Security's resource-server filters (authentication, exception translation,
 * authorization) did the same as a chain of publishers per request, a large share of the REST event
 * loop's time in the serving benchmark (docs/serving.md); a credential check is microseconds of CPU
 * that never waits ({@link BearerCredentials}), so nothing here needs to be asynchronous.
 */
final class ReactiveAccess implements WebFilter {

  private record Matched(Set<HttpMethod> methods, PathPattern pattern, Access access) {
    boolean matches(ServerHttpRequest request) {
      return (methods.isEmpty() || methods.contains(request.getMethod()))
          && pattern.matches(request.getPath().pathWithinApplication());
    }
  }

  private final List<Matched> rules = new ArrayList<>();
  private final BearerCredentials credentials;

  ReactiveAccess(AccessPolicy policy, BearerCredentials credentials) {
    for (AccessRule rule : policy.rules()) {
      rules.add(
          new Matched(
              rule.methods(),
              PathPatternParser.defaultInstance.parse(rule.pattern()),
              rule.access()));
    }
    this.credentials = credentials;
  }

  Access accessFor(ServerHttpRequest request) {
    for (Matched rule : rules) {
      if (rule.matches(request)) {
        return rule.access();
      }
    }
    return Access.requires(Scope.ADMIN);
  }

  /**
   * Open endpoints pass without a look at any credential; on the others the caller must present one
   * that grants the scope, and passes on as the request's authentication (the principal controllers
   * see).
   */
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Access access = accessFor(exchange.getRequest());
    if (access instanceof Access.Open) {
      return chain.filter(exchange);
    }
    Authentication caller;
    try {
      Optional<String> credential =
          bearer(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
      if (credential.isEmpty()) {
        return write(exchange, Refusal.unauthenticated(access.needed(), null));
      }
      caller = credentials.authenticate(credential.get());
    } catch (AuthenticationException e) {
      return write(exchange, Refusal.unauthenticated(access.needed(), e));
    }
    if (!access.allows(caller)) {
      return write(exchange, Refusal.forbidden(caller, access.needed().orElseThrow()));
    }
    return chain
        .filter(exchange)
        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller));
  }

  /**
   * The bearer credential of an {@code Authorization} value, as Spring Security's bearer-token
   * converter reads it: empty when there is none or the value is another scheme (then the request
   * is refused as one without a credential).
   *
   * @throws OAuth2AuthenticationException {@code invalid_token} when a {@code Bearer} value is
   *     malformed
   */
  private static Optional<String> bearer(String authorization) {
    if (!StringUtils.startsWithIgnoreCase(authorization, "bearer")) {
      return Optional.empty();
    }
    Matcher matcher = BearerCredentials.AUTHORIZATION.matcher(authorization);
    if (!matcher.matches()) {
      throw new OAuth2AuthenticationException(
          BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
    return Optional.of(matcher.group("token"));
  }

  private static Mono<Void> write(ServerWebExchange exchange, Refusal refusal) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(refusal.status());
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge());
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body =
        refusal
            .problemJson(exchange.getRequest().getPath().value())
            .getBytes(StandardCharsets.UTF_8);
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }
}
