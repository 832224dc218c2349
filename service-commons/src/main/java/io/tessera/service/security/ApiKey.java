package io.tessera.service.security;

import java.util.Set;

/**
 * A configured API key as requests see it: its name (the principal, recorded for example as who
 * registered a definition) and the scopes it grants, implications applied. The key itself is never
 * held, only its hash ({@link ApiKeys}).
 */
public record ApiKey(String name, Set<Scope> scopes) {

  public ApiKey {
    scopes = Set.copyOf(Scope.closure(scopes));
  }
}
