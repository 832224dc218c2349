package io.tessera.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.testsupport.TokenIssuer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class BearerCredentialsTest {

  private static final String KEY = "tsk_0123456789abcdef";

  @Test
  void anApiKeyAuthenticatesAsItsNameWithItsScopes() {
    BearerCredentials credentials =
        new BearerCredentials(
            ApiKeys.parse("ci:read+write:" + ApiKeys.hash(KEY)), Optional.empty());

    var ci = credentials.authenticate(KEY);

    assertThat(ci).isInstanceOf(ApiKeyAuthentication.class);
    assertThat(ci.getName()).isEqualTo("ci");
    assertThat(ci.getCredentials()).isEqualTo("");
    assertThat(ci.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("SCOPE_read", "SCOPE_write");
  }

  @Test
  void anUnknownCredentialIsRefusedAndSaysWhatIsConfigured() {
    assertThatThrownBy(
            () ->
                new BearerCredentials(
                        ApiKeys.parse("ci:write:" + ApiKeys.hash(KEY)), Optional.empty())
                    .authenticate("tsk_wrong"))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessage("not a valid API key");
    assertThatThrownBy(
            () -> new BearerCredentials(ApiKeys.parse(""), Optional.empty()).authenticate(KEY))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("no API keys or token issuer are configured");
  }

  @Test
  void aJwtShapedCredentialIsCheckedAsATokenWhenTokensAreConfigured() throws Exception {
    try (TokenIssuer issuer = TokenIssuer.start();
        JwtCredentials jwt =
            JwtCredentials.from(
                    JwtCredentialsTest.settings(issuer.issuer(), issuer.jwkSetUri(), ""),
                    new DefaultResourceLoader())
                .orElseThrow()) {
      BearerCredentials credentials =
          new BearerCredentials(ApiKeys.parse("ci:write:" + ApiKeys.hash(KEY)), Optional.of(jwt));
      String token = issuer.token("erin", "read");
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline) {
        try {
          credentials.authenticate(token);
          break;
        } catch (InvalidBearerTokenException e) {
          Thread.sleep(50);
        }
      }

      assertThat(credentials.authenticate(token)).isInstanceOf(JwtAuthenticationToken.class);
      assertThat(credentials.authenticate(KEY).getName()).isEqualTo("ci");
      assertThatThrownBy(() -> credentials.authenticate("tsk_wrong"))
          .hasMessage("not a valid API key or token");
    }
  }

  @Test
  void readsTheCredentialOfABearerAuthorization() {
    assertThat(BearerCredentials.fromAuthorization("Bearer " + KEY)).contains(KEY);
    assertThat(BearerCredentials.fromAuthorization("bearer a.b-c_d~e+f/g=="))
        .contains("a.b-c_d~e+f/g==");
    assertThat(BearerCredentials.fromAuthorization(null)).isEmpty();
    assertThat(BearerCredentials.fromAuthorization(" ")).isEmpty();
    assertThatThrownBy(() -> BearerCredentials.fromAuthorization("Basic dXNlcjpwYXNz"))
        .isInstanceOf(InvalidBearerTokenException.class);
    assertThatThrownBy(() -> BearerCredentials.fromAuthorization("Bearer two words"))
        .isInstanceOf(InvalidBearerTokenException.class);
  }
}
