package io.tessera.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtScopesTest {

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60));
    claims.forEach(builder::claim);
    return builder.build();
  }

  @Test
  void readsTheSpaceSeparatedScopeClaimIgnoringUnknownValues() {
    assertThat(new JwtScopes("").of(jwt(Map.of("scope", "openid read profile write"))))
        .containsExactlyInAnyOrder(Scope.READ, Scope.WRITE);
  }

  @Test
  void readsTheScpClaimAsAListOrAString() {
    assertThat(new JwtScopes("").of(jwt(Map.of("scp", List.of("metrics", "email")))))
        .containsExactly(Scope.METRICS);
    assertThat(new JwtScopes("").of(jwt(Map.of("scp", "read")))).containsExactly(Scope.READ);
  }

  @Test
  void withAPrefixOnlyPrefixedValuesCount() {
    JwtScopes scopes = new JwtScopes("tessera:");

    assertThat(scopes.of(jwt(Map.of("scope", "tessera:write read other:admin"))))
        .containsExactly(Scope.WRITE);
  }

  @Test
  void anAdminTokenGrantsEveryScopeAndNoScopeGrantsNone() {
    assertThat(new JwtScopes("").of(jwt(Map.of("scope", "admin"))))
        .containsExactlyInAnyOrder(Scope.values());
    assertThat(new JwtScopes("").of(jwt(Map.of("sub", "x")))).isEmpty();
  }
}
