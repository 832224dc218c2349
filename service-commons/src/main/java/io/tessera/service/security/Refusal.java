package io.tessera.service.security;

import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A refused request as every transport answers it: 401 when the caller is not authenticated (no
 * credential, or one that is not valid), 403 when its credential lacks the scope; a {@code
 * WWW-Authenticate} challenge per RFC 6750 and an RFC 9457 problem+json body saying what to send.
 * gRPC maps the same two cases to {@code UNAUTHENTICATED} and {@code PERMISSION_DENIED}.
 */
public record Refusal(HttpStatus status, String challenge, String detail, Optional<Scope> needed) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String REALM = "Bearer realm=\"tessera\"";

  /**
   * No credential ({@code failure} null or not about a token), or one that did not authenticate.
   */
  public static Refusal unauthenticated(Optional<Scope> needed, AuthenticationException failure) {
    String scope = needed.map(s -> " with scope '" + s.label() + "'").orElse("");
    if (failure instanceof OAuth2AuthenticationException invalid) {
      String reason = invalid.getError().getDescription();
      reason = reason == null ? invalid.getError().getErrorCode() : reason;
      return new Refusal(
          HttpStatus.UNAUTHORIZED,
          REALM
              + ", error=\""
              + invalid.getError().getErrorCode()
              + "\", error_description=\""
              + quoted(reason)
              + "\"",
          "the bearer credential was refused: " + reason,
          needed);
    }
    return new Refusal(
        HttpStatus.UNAUTHORIZED,
        REALM,
        "this endpoint needs an API key or token"
            + scope
            + ": send 'Authorization: Bearer <credential>'",
        needed);
  }

  /** Authenticated, but without the scope. */
  public static Refusal forbidden(Authentication caller, Scope needed) {
    String granted =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> authority.startsWith(Scope.AUTHORITY_PREFIX))
            .map(authority -> authority.substring(Scope.AUTHORITY_PREFIX.length()))
            .sorted()
            .collect(Collectors.joining(", "));
    return new Refusal(
        HttpStatus.FORBIDDEN,
        REALM + ", error=\"insufficient_scope\", scope=\"" + needed.label() + "\"",
        "this endpoint needs scope '"
            + needed.label()
            + "'; the credential of '"
            + caller.getName()
            + "' grants "
            + (granted.isEmpty() ? "no scope" : granted),
        Optional.of(needed));
  }

  /** The RFC 9457 body, for the request path {@code instance}. */
  public String problemJson(String instance) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", instance);
    needed.ifPresent(scope -> body.put("requiredScope", scope.label()));
    return JSON.writeValueAsString(body);
  }

  /** A quoted-string of a header: no quotes, backslashes or control characters inside. */
  private static String quoted(String text) {
    return text.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
  }
}
