package io.tessera.service.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.security.*}: who may do what, the same settings for every service (one secret for
 * the whole platform). See {@code docs/security.md}.
 *
 * @param apiKeys the API keys, hashed: {@code name:scope+scope:sha256hex} entries separated by
 *     commas ({@link ApiKeys}). Empty: only JWTs (if configured) authenticate
 * @param servingReadsOpen whether serving's feature reads (REST and gRPC) need no credential. Off
 *     by default: feature values are derived from the platform's most sensitive data, and a
 *     deployment whose mesh already decides who reaches serving opts in explicitly
 * @param registryReadsOpen whether the registry's reads and dry-run validations need no credential.
 *     On by default: definitions are metadata the other services read from Kafka anyway
 * @param jwt OAuth2 / JWT bearer tokens from a cluster's identity provider
 */
@ConfigurationProperties("tessera.security")
public record TesseraSecurityProperties(
    @DefaultValue("") String apiKeys,
    @DefaultValue("false") boolean servingReadsOpen,
    @DefaultValue("true") boolean registryReadsOpen,
    @DefaultValue Jwt jwt) {

  /**
   * JWT bearer tokens: enabled by an issuer, a JWK set URI or a public key.
   *
   * @param issuerUri the required {@code iss} claim; with no JWK set URI, also where the keys are
   *     discovered ({@code /.well-known/openid-configuration})
   * @param jwkSetUri where the provider's signing keys are published
   * @param publicKeyLocation instead of a JWK set: an RSA public key in PEM (a Spring resource
   *     location such as {@code file:/etc/tessera/jwt.pub})
   * @param audiences when not empty, the {@code aud} claim must name one of them
   * @param scopePrefix the prefix of Tessera's scopes among the provider's, such as {@code
   *     tessera:}; empty: the scopes are {@code read}, {@code write}, ... as they are
   * @param principalClaim the claim naming who is calling (recorded as who registered a version)
   * @param jwkSetRefresh how often the signing keys are fetched again, in the background
   * @param clockSkew how far expiry and not-before may be off, for clocks that drift
   */
  public record Jwt(
      @DefaultValue("") String issuerUri,
      @DefaultValue("") String jwkSetUri,
      @DefaultValue("") String publicKeyLocation,
      @DefaultValue List<String> audiences,
      @DefaultValue("") String scopePrefix,
      @DefaultValue("sub") String principalClaim,
      @DefaultValue("5m") Duration jwkSetRefresh,
      @DefaultValue("60s") Duration clockSkew) {

    /** Whether JWTs are accepted at all. */
    public boolean enabled() {
      return !issuerUri.isBlank() || !jwkSetUri.isBlank() || !publicKeyLocation.isBlank();
    }
  }
}
