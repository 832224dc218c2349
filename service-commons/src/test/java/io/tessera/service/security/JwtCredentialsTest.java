package io.tessera.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.testsupport.TokenIssuer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class JwtCredentialsTest {

  private static TokenIssuer issuer;
  private static JwtCredentials credentials;

  @BeforeAll
  static void start() throws Exception {
    issuer = TokenIssuer.start();
    credentials = fromJwkSet(issuer.jwkSetUri(), issuer.issuer());
  }

  @AfterAll
  static void stop() throws Exception {
    credentials.close();
    issuer.close();
  }

  static TesseraSecurityProperties.Jwt settings(
      String issuerUri, String jwkSetUri, String publicKeyLocation) {
    return new TesseraSecurityProperties.Jwt(
        issuerUri,
        jwkSetUri,
        publicKeyLocation,
        List.of(TokenIssuer.AUDIENCE),
        "",
        "sub",
        Duration.ofMinutes(5),
        Duration.ofSeconds(60));
  }

  private static JwtCredentials fromJwkSet(String jwkSetUri, String issuerUri) throws Exception {
    JwtCredentials jwt =
        JwtCredentials.from(settings(issuerUri, jwkSetUri, ""), new DefaultResourceLoader())
            .orElseThrow();
    awaitKeys(jwt);
    return jwt;
  }

  /** The keys load in the background: a valid token passes once they are there. */
  static void awaitKeys(JwtCredentials jwt) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        jwt.authenticate(issuer.token("probe", "read"));
        return;
      } catch (InvalidBearerTokenException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static List<String> authorities(Authentication authentication) {
    return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }

  @Test
  void acceptsAValidTokenWithTheScopesItGrantsAndItsSubjectAsThePrincipal() {
    Authentication alice = credentials.authenticate(issuer.token("alice", "openid write"));

    assertThat(alice.getName()).isEqualTo("alice");
    assertThat(authorities(alice)).containsExactly("SCOPE_write");
  }

  @Test
  void refusesAnExpiredToken() {
    assertThatThrownBy(() -> credentials.authenticate(issuer.expiredToken("alice", "write")))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void refusesATokenOfAnotherIssuer() {
    assertThatThrownBy(
            () -> credentials.authenticate(issuer.tokenFromAnotherIssuer("alice", "write")))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("iss");
  }

  @Test
  void refusesATokenForAnotherAudience() {
    assertThatThrownBy(
            () -> credentials.authenticate(issuer.tokenForAnotherAudience("alice", "write")))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("aud");
  }

  @Test
  void refusesATokenWithABadSignature() {
    assertThatThrownBy(
            () -> credentials.authenticate(issuer.tokenWithABadSignature("alice", "admin")))
        .isInstanceOf(InvalidBearerTokenException.class);
  }

  @Test
  void refusesAnUnsignedTokenAndGarbage() {
    String unsigned =
        base64("{\"alg\":\"none\"}")
            + "."
            + base64(
                "{\"iss\":\""
                    + issuer.issuer()
                    + "\",\"sub\":\"mallory\",\"aud\":\"tessera\",\"scope\":\"admin\","
                    + "\"exp\":"
                    + (System.currentTimeMillis() / 1000 + 300)
                    + "}")
            + ".";

    assertThatThrownBy(() -> credentials.authenticate(unsigned))
        .isInstanceOf(InvalidBearerTokenException.class);
    assertThatThrownBy(() -> credentials.authenticate("a.b.c"))
        .isInstanceOf(InvalidBearerTokenException.class);
  }

  @Test
  void findsTheKeysFromTheIssuersDiscoveryDocument() throws Exception {
    try (JwtCredentials discovered = fromJwkSet("", issuer.issuer())) {
      assertThat(discovered.authenticate(issuer.token("bob", "read")).getName()).isEqualTo("bob");
    }
  }

  @Test
  void acceptsTokensSignedByAConfiguredPublicKey(@TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("jwt.pub"), issuer.publicKeyPem());

    try (JwtCredentials fromPem =
        JwtCredentials.from(
                settings(issuer.issuer(), "", "file:" + pem), new DefaultResourceLoader())
            .orElseThrow()) {
      assertThat(authorities(fromPem.authenticate(issuer.token("carol", "metrics"))))
          .containsExactly("SCOPE_metrics");
      assertThatThrownBy(() -> fromPem.authenticate(issuer.tokenWithABadSignature("carol", "read")))
          .isInstanceOf(InvalidBearerTokenException.class);
    }
  }

  /**
   * A JWK set that does not answer (here: a socket that accepts and never replies) delays no
   * request: tokens are refused at once while the background fetch waits.
   */
  @Test
  void refusesAtOnceWhileTheKeysCannotBeFetched() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        JwtCredentials stuck =
            JwtCredentials.from(
                    settings(
                        issuer.issuer(),
                        "http://127.0.0.1:" + silent.getLocalPort() + "/jwks.json",
                        ""),
                    new DefaultResourceLoader())
                .orElseThrow()) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> stuck.authenticate(issuer.token("dave", "read")))
          .isInstanceOf(InvalidBearerTokenException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void isNotConfiguredWithoutIssuerKeySetOrPublicKey() {
    assertThat(JwtCredentials.from(settings("", "", ""), new DefaultResourceLoader())).isEmpty();
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
