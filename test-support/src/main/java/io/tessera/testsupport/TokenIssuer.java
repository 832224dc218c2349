package io.tessera.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for a cluster's identity provider: a fresh RSA key, its JWK set and OpenID discovery
 * document served on loopback, and tokens signed with it (or, to be refused, with another key, from
 * another issuer, expired). No external identity provider is involved.
 */
public final class TokenIssuer implements AutoCloseable {

  /** The audience tokens carry unless a test names another. */
  public static final String AUDIENCE = "tessera";

  private final RSAKey key;
  private final RSAKey otherKey;
  private final HttpServer server;
  private final String issuer;

  private TokenIssuer(RSAKey key, RSAKey otherKey, HttpServer server) {
    this.key = key;
    this.otherKey = otherKey;
    this.server = server;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
  }

  /** Generates the keys and starts serving the JWK set and discovery document. */
  public static TokenIssuer start() {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      RSAKey other = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TokenIssuer issuer = new TokenIssuer(key, other, server);
      issuer.serve("/issuer/jwks.json", new JWKSet(key.toPublicJWK()).toString());
      issuer.serve(
          "/issuer/.well-known/openid-configuration",
          "{\"issuer\":\"" + issuer.issuer + "\",\"jwks_uri\":\"" + issuer.jwkSetUri() + "\"}");
      server.start();
      return issuer;
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serve(String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  public String issuer() {
    return issuer;
  }

  public String jwkSetUri() {
    return issuer + "/jwks.json";
  }

  /** The public key in PEM, as {@code tessera.security.jwt.public-key-location} reads it. */
  public String publicKeyPem() {
    try {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.toRSAPublicKey().getEncoded());
      return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The properties of a service that accepts this issuer's tokens for {@link #AUDIENCE}, with keys
   * from the JWK set.
   */
  public Map<String, String> properties() {
    return Map.of(
        "tessera.security.jwt.issuer-uri", issuer,
        "tessera.security.jwt.jwk-set-uri", jwkSetUri(),
        "tessera.security.jwt.audiences", AUDIENCE);
  }

  /** A valid token for {@code subject} with {@code scope} (space-separated), for five minutes. */
  public String token(String subject, String scope) {
    return sign(key, claims(subject, scope).build());
  }

  /** A token that expired two minutes ago (past any clock skew the service allows). */
  public String expiredToken(String subject, String scope) {
    Instant past = Instant.now().minus(Duration.ofMinutes(10));
    return sign(
        key,
        claims(subject, scope)
            .issueTime(Date.from(past))
            .expirationTime(Date.from(past.plus(Duration.ofMinutes(8))))
            .build());
  }

  /** A token this issuer's key signs but another issuer names itself in. */
  public String tokenFromAnotherIssuer(String subject, String scope) {
    return sign(key, claims(subject, scope).issuer("http://127.0.0.1:1/not-the-issuer").build());
  }

  /** A token for another audience. */
  public String tokenForAnotherAudience(String subject, String scope) {
    return sign(key, claims(subject, scope).audience("someone-else").build());
  }

  /** A token that claims this issuer and key id but is signed by another key. */
  public String tokenWithABadSignature(String subject, String scope) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims(subject, scope).build());
      jwt.sign(new RSASSASigner(otherKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private JWTClaimsSet.Builder claims(String subject, String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(AUDIENCE)
        .claim("scope", scope)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(UUID.randomUUID().toString());
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
