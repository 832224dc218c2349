package io.tessera.service.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API key: its name is the principal, its scopes the authorities
 * ({@code SCOPE_read}, ...), the same authorities a JWT with those scopes gets. Holds no secret.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final ApiKey key;

  public ApiKeyAuthentication(ApiKey key) {
    super(
        key.scopes().stream()
            .sorted()
            .map(scope -> new SimpleGrantedAuthority(scope.authority()))
            .toList());
    this.key = key;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Object getPrincipal() {
    return key.name();
  }

  @Override
  public String getName() {
    return key.name();
  }
}
