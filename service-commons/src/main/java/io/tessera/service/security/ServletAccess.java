package io.tessera.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The {@link AccessPolicy} on Spring MVC: which rule a request falls under (the first that
 * matches), whether its caller may, and the 401/403 answers when not. One lookup serves the
 * decision, the skipping of credentials on open endpoints and the refusal's message.
 */
final class ServletAccess
    implements AuthorizationManager<RequestAuthorizationContext>,
        AuthenticationEntryPoint,
        AccessDeniedHandler {

  private record Matched(RequestMatcher matcher, Access access) {}

  private final List<Matched> rules = new ArrayList<>();
  private final BearerTokenAuthenticationConverter bearer =
      new BearerTokenAuthenticationConverter();

  ServletAccess(AccessPolicy policy) {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    for (AccessRule rule : policy.rules()) {
      RequestMatcher matcher;
      if (rule.methods().isEmpty()) {
        matcher = paths.matcher(rule.pattern());
      } else {
        List<RequestMatcher> perMethod = new ArrayList<>();
        for (HttpMethod method : rule.methods()) {
          perMethod.add(paths.matcher(method, rule.pattern()));
        }
        matcher = perMethod.size() == 1 ? perMethod.get(0) : new OrRequestMatcher(perMethod);
      }
      rules.add(new Matched(matcher, rule.access()));
    }
  }

  Access accessFor(HttpServletRequest request) {
    for (Matched rule : rules) {
      if (rule.matcher().matches(request)) {
        return rule.access();
      }
    }
    return Access.requires(Scope.ADMIN);
  }

  /** Extracts the bearer credential, except on open endpoints, where none is looked at. */
  AuthenticationConverter credentials() {
    return request -> accessFor(request) instanceof Access.Open ? null : bearer.convert(request);
  }

  @Override
  public AuthorizationDecision authorize(
      java.util.function.Supplier<? extends Authentication> caller,
      RequestAuthorizationContext context) {
    return new AuthorizationDecision(accessFor(context.getRequest()).allows(caller.get()));
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    write(request, response, Refusal.unauthenticated(accessFor(request).needed(), failure));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null) {
      commence(request, response, null);
      return;
    }
    Scope needed = accessFor(request).needed().orElse(Scope.ADMIN);
    write(request, response, Refusal.forbidden(caller, needed));
  }

  private static void write(
      HttpServletRequest request, HttpServletResponse response, Refusal refusal)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(refusal.status().value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(refusal.problemJson(request.getRequestURI()));
  }
}
