package io.tessera.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class RefusalTest {

  @Test
  void withoutACredentialChallengesWithTheRealmAndNamesTheScope() {
    Refusal refusal =
        Refusal.unauthenticated(
            Optional.of(Scope.WRITE), new InsufficientAuthenticationException("none"));

    assertThat(refusal.status().value()).isEqualTo(401);
    assertThat(refusal.challenge()).isEqualTo("Bearer realm=\"tessera\"");
    assertThat(refusal.problemJson("/api/v1/push/x"))
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":"
                + "\"this endpoint needs an API key or token with scope 'write': send"
                + " 'Authorization: Bearer <credential>'\",\"instance\":\"/api/v1/push/x\","
                + "\"requiredScope\":\"write\"}");
  }

  @Test
  void anInvalidCredentialIsAnInvalidTokenWithItsReason() {
    Refusal refusal =
        Refusal.unauthenticated(
            Optional.empty(), new InvalidBearerTokenException("Jwt expired at 12:00"));

    assertThat(refusal.challenge())
        .isEqualTo(
            "Bearer realm=\"tessera\", error=\"invalid_token\","
                + " error_description=\"Jwt expired at 12:00\"");
    assertThat(refusal.problemJson("/x"))
        .contains("\"detail\":\"the bearer credential was refused: Jwt expired at 12:00\"")
        .doesNotContain("requiredScope");
  }

  @Test
  void escapesTheProblemsStrings() {
    Refusal refusal =
        new Refusal(
            org.springframework.http.HttpStatus.UNAUTHORIZED,
            "Bearer",
            "say \"hi\"\\ \n\u0001",
            Optional.empty());

    assertThat(refusal.problemJson("/a\"b"))
        .contains("\"detail\":\"say \\\"hi\\\"\\\\ \\n\\u0001\"")
        .contains("\"instance\":\"/a\\\"b\"");
  }

  @Test
  void aMissingScopeIsForbiddenNamingWhatTheCredentialGrants() {
    Refusal refusal =
        Refusal.forbidden(
            new ApiKeyAuthentication(new ApiKey("ci", Set.of(Scope.WRITE, Scope.READ))),
            Scope.ADMIN);

    assertThat(refusal.status().value()).isEqualTo(403);
    assertThat(refusal.challenge())
        .isEqualTo("Bearer realm=\"tessera\", error=\"insufficient_scope\", scope=\"admin\"");
    assertThat(refusal.detail())
        .isEqualTo("this endpoint needs scope 'admin'; the credential of 'ci' grants read, write");
  }
}
