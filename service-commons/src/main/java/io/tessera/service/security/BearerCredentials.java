package io.tessera.service.security;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The one way a caller proves who it is, on every transport: {@code Authorization: Bearer
 * <credential>} (HTTP header or gRPC metadata), where the credential is an API key or a JWT. A key
 * is looked up first (one hash); a credential shaped like a JWT (three dot-separated parts, which
 * keys never have) is then checked as a token when JWTs are configured.
 *
 * <p>Both checks are CPU work of microseconds that never waits on I/O, so they run on the calling
 * thread, event loops included, and a refused credential costs as little as an accepted one.
 */
public final class BearerCredentials implements AutoCloseable {

  /** RFC 6750's b64token, as Spring's own bearer-token resolver reads it. */
  static final Pattern AUTHORIZATION =
      Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

  private final ApiKeys keys;
  private final Optional<JwtCredentials> jwt;

  public BearerCredentials(ApiKeys keys, Optional<JwtCredentials> jwt) {
    this.keys = keys;
    this.jwt = jwt;
  }

  /**
   * Who {@code credential} is, with the scopes it grants.
   *
   * @throws InvalidBearerTokenException when it is neither a configured key nor a valid token
   */
  public Authentication authenticate(String credential) {
    Optional<ApiKey> key = keys.match(credential);
    if (key.isPresent()) {
      return new ApiKeyAuthentication(key.get());
    }
    if (jwt.isPresent() && looksLikeJwt(credential)) {
      return jwt.get().authenticate(credential);
    }
    if (keys.isEmpty() && jwt.isEmpty()) {
      throw new InvalidBearerTokenException(
          "no API keys or token issuer are configured (TESSERA_API_KEYS, tessera.security.*)");
    }
    throw new InvalidBearerTokenException(
        jwt.isPresent() ? "not a valid API key or token" : "not a valid API key");
  }

  /**
   * The credential in an {@code Authorization} value; empty when there is none.
   *
   * @throws InvalidBearerTokenException when the value is not {@code Bearer <credential>}
   */
  public static Optional<String> fromAuthorization(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.empty();
    }
    Matcher matcher = AUTHORIZATION.matcher(authorization.trim());
    if (!matcher.matches()) {
      throw new InvalidBearerTokenException(
          "the authorization is not 'Bearer <credential>' with an API key or a token");
    }
    return Optional.of(matcher.group("token"));
  }

  /** For the servlet chain: authenticates the bearer credential Spring's filter extracted. */
  AuthenticationManager authenticationManager() {
    return request -> authenticate(((BearerTokenAuthenticationToken) request).getToken());
  }

  /** Stops the background refresh of the token issuer's keys, if any. */
  @Override
  public void close() throws Exception {
    if (jwt.isPresent()) {
      jwt.get().close();
    }
  }

  private static boolean looksLikeJwt(String credential) {
    int first = credential.indexOf('.');
    int second = first < 0 ? -1 : credential.indexOf('.', first + 1);
    return second > 0 && credential.indexOf('.', second + 1) < 0;
  }
}
