package io.tessera.service.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The {@link AccessPolicy} on WebFlux (serving), as {@link ServletAccess} is on Spring MVC: the
 * same patterns parsed by the same parser, matched against the path within the application, so a
 * rule selects the same requests on both stacks. Matching is synchronous: on an event loop a lookup
 * is a few pattern matches, not a chain of publishers.
 */
final class ReactiveAccess
    implements ReactiveAuthorizationManager<AuthorizationContext>,
        ServerAuthenticationEntryPoint,
        ServerAccessDeniedHandler {

  private record Matched(Set<HttpMethod> methods, PathPattern pattern, Access access) {
    boolean matches(ServerHttpRequest request) {
      return (methods.isEmpty() || methods.contains(request.getMethod()))
          && pattern.matches(request.getPath().pathWithinApplication());
    }
  }

  private final List<Matched> rules = new ArrayList<>();
  private final ServerBearerTokenAuthenticationConverter bearer =
      new ServerBearerTokenAuthenticationConverter();

  ReactiveAccess(AccessPolicy policy) {
    for (AccessRule rule : policy.rules()) {
      rules.add(
          new Matched(
              rule.methods(),
              PathPatternParser.defaultInstance.parse(rule.pattern()),
              rule.access()));
    }
  }

  Access accessFor(ServerHttpRequest request) {
    for (Matched rule : rules) {
      if (rule.matches(request)) {
        return rule.access();
      }
    }
    return Access.requires(Scope.ADMIN);
  }

  /** Extracts the bearer credential, except on open endpoints, where none is looked at. */
  ServerAuthenticationConverter credentials() {
    return exchange ->
        accessFor(exchange.getRequest()) instanceof Access.Open
            ? Mono.empty()
            : bearer.convert(exchange);
  }

  @Override
  public Mono<AuthorizationResult> authorize(
      Mono<Authentication> caller, AuthorizationContext context) {
    Access access = accessFor(context.getExchange().getRequest());
    if (access instanceof Access.Open) {
      return Mono.just(new AuthorizationDecision(true));
    }
    return caller.map(access::allows).defaultIfEmpty(false).map(AuthorizationDecision::new);
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    return write(
        exchange, Refusal.unauthenticated(accessFor(exchange.getRequest()).needed(), failure));
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    Scope needed = accessFor(exchange.getRequest()).needed().orElse(Scope.ADMIN);
    return exchange
        .getPrincipal()
        .cast(Authentication.class)
        .flatMap(caller -> write(exchange, Refusal.forbidden(caller, needed)))
        .switchIfEmpty(Mono.defer(() -> commence(exchange, null)));
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
