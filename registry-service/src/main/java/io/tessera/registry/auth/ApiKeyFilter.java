package io.tessera.registry.auth;

import io.tessera.registry.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a protected request through only with a configured key, and records the key's name as the
 * request attribute {@link #PRINCIPAL}. Protected: every write under {@code /api/} except the
 * dry-run {@code :validate} endpoints; reads too when {@code protectReads}. Refusals are 401
 * problem+json with a {@code WWW-Authenticate} challenge.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

  /** The request attribute holding the authenticated key's name. */
  public static final String PRINCIPAL = "tessera.registry.principal";

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final boolean protectReads;

  public ApiKeyFilter(ApiKeys keys, boolean protectReads) {
    this.keys = keys;
    this.protectReads = protectReads;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isProtected(request)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> principal = keys.principalFor(presentedKey(request));
    if (principal.isEmpty()) {
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tessera-registry\", charset=\"UTF-8\"");
      ProblemResponses.write(
          response,
          request,
          HttpStatus.UNAUTHORIZED,
          keys.isEmpty()
              ? "writes need an API key, and none is configured (TESSERA_REGISTRY_API_KEYS)"
              : "send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
      return;
    }
    request.setAttribute(PRINCIPAL, principal.get());
    chain.doFilter(request, response);
  }

  private boolean isProtected(HttpServletRequest request) {
    if (!request.getRequestURI().startsWith("/api/")) {
      return false;
    }
    if (READS.contains(request.getMethod())) {
      return protectReads;
    }
    boolean dryRunEndpoint =
        request.getMethod().equals("POST") && request.getRequestURI().endsWith(":validate");
    return !dryRunEndpoint || protectReads;
  }

  private static String presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    return request.getHeader("X-API-Key");
  }
}
