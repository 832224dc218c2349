package io.tessera.service.security;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * OAuth2 / JWT bearer tokens of a cluster's identity provider: the signature checked against the
 * provider's keys ({@link JwkSetRefresher}, or a configured RSA public key), then the type, expiry
 * and not-before (with a clock skew), the issuer and the audience when configured. The token's
 * scopes ({@link JwtScopes}) become the same authorities API keys get; its principal is the
 * configured claim ({@code sub} by default).
 */
public final class JwtCredentials implements AutoCloseable {

  /** RSA and elliptic-curve signatures; never {@code none}, never a shared secret. */
  private static final List<SignatureAlgorithm> SIGNATURE_ALGORITHMS =
      List.of(
          SignatureAlgorithm.RS256,
          SignatureAlgorithm.RS384,
          SignatureAlgorithm.RS512,
          SignatureAlgorithm.PS256,
          SignatureAlgorithm.PS384,
          SignatureAlgorithm.PS512,
          SignatureAlgorithm.ES256,
          SignatureAlgorithm.ES384,
          SignatureAlgorithm.ES512);

  private final NimbusJwtDecoder decoder;
  private final JwtScopes scopes;
  private final String principalClaim;
  private final AutoCloseable keySource;

  private JwtCredentials(
      NimbusJwtDecoder decoder, JwtScopes scopes, String principalClaim, AutoCloseable keySource) {
    this.decoder = decoder;
    this.scopes = scopes;
    this.principalClaim = principalClaim;
    this.keySource = keySource;
  }

  /** JWT support as configured, or empty when no issuer, JWK set or public key is configured. */
  public static Optional<JwtCredentials> from(
      TesseraSecurityProperties.Jwt settings, ResourceLoader resources) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    if (!settings.jwkSetUri().isBlank() && !settings.publicKeyLocation().isBlank()) {
      throw new IllegalArgumentException(
          "tessera.security.jwt: configure jwk-set-uri or public-key-location, not both");
    }
    NimbusJwtDecoder decoder;
    AutoCloseable closeable = () -> {};
    if (!settings.publicKeyLocation().isBlank()) {
      RSAPublicKey key = publicKey(settings, resources);
      // one key: whatever key id a token names, it is checked against this one
      decoder =
          NimbusJwtDecoder.withPublicKey(key)
              .jwtProcessorCustomizer(
                  processor ->
                      processor.setJWSKeySelector(
                          (header, context) ->
                              JWSAlgorithm.Family.RSA.contains(header.getAlgorithm())
                                  ? List.<Key>of(key)
                                  : List.<Key>of()))
              .build();
    } else {
      JwkSetRefresher refresher =
          new JwkSetRefresher(
              settings.jwkSetUri().isBlank() ? null : URI.create(settings.jwkSetUri()),
              settings.issuerUri().isBlank() ? null : settings.issuerUri(),
              settings.jwkSetRefresh());
      closeable = refresher;
      decoder =
          NimbusJwtDecoder.withJwkSource(refresher)
              .jwsAlgorithms(algorithms -> algorithms.addAll(SIGNATURE_ALGORITHMS))
              .build();
    }
    decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators(settings)));
    return Optional.of(
        new JwtCredentials(
            decoder, new JwtScopes(settings.scopePrefix()), settings.principalClaim(), closeable));
  }

  private static List<OAuth2TokenValidator<Jwt>> validators(
      TesseraSecurityProperties.Jwt settings) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    JwtTypeValidator type = new JwtTypeValidator(List.of("JWT", "at+jwt", "application/at+jwt"));
    type.setAllowEmpty(true);
    validators.add(type);
    validators.add(new JwtTimestampValidator(settings.clockSkew()));
    if (!settings.issuerUri().isBlank()) {
      validators.add(new JwtIssuerValidator(settings.issuerUri()));
    }
    List<String> audiences = settings.audiences().stream().filter(a -> !a.isBlank()).toList();
    if (!audiences.isEmpty()) {
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }
    return validators;
  }

  private static RSAPublicKey publicKey(
      TesseraSecurityProperties.Jwt settings, ResourceLoader resources) {
    try (InputStream pem = resources.getResource(settings.publicKeyLocation()).getInputStream()) {
      return RsaKeyConverters.x509().convert(pem);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "tessera.security.jwt.public-key-location: cannot read an RSA public key (PEM) from "
              + settings.publicKeyLocation(),
          e);
    }
  }

  /**
   * @throws InvalidBearerTokenException when the token is not a valid JWT of the provider
   */
  public Authentication authenticate(String token) {
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (JwtException e) {
      throw new InvalidBearerTokenException(e.getMessage(), e);
    }
    Set<Scope> granted = scopes.of(jwt);
    String name = jwt.getClaimAsString(principalClaim);
    return new JwtAuthenticationToken(
        jwt,
        granted.stream()
            .sorted()
            .map(scope -> new SimpleGrantedAuthority(scope.authority()))
            .toList(),
        name == null ? "jwt:" + jwt.getIssuer() : name);
  }

  @Override
  public void close() throws Exception {
    keySource.close();
  }
}
