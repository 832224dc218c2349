package io.tessera.service.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** What a request needs: nothing, or a credential that grants a scope. */
public sealed interface Access permits Access.Open, Access.Requires {

  /** Whether {@code caller} (null or anonymous when no credential was sent) may. */
  boolean allows(Authentication caller);

  /** The scope it takes, if any. */
  Optional<Scope> needed();

  /**
   * Anyone may. A credential sent anyway is not even looked at, so a client that keeps sending an
   * old key after a deployment opened serving reads is not refused for it.
   */
  record Open() implements Access {
    @Override
    public boolean allows(Authentication caller) {
      return true;
    }

    @Override
    public Optional<Scope> needed() {
      return Optional.empty();
    }
  }

  /** A credential whose scopes (implications applied) include {@code scope}. */
  record Requires(Scope scope) implements Access {
    @Override
    public boolean allows(Authentication caller) {
      return caller != null
          && caller.getAuthorities().stream()
              .anyMatch(granted -> scope.authority().equals(granted.getAuthority()));
    }

    @Override
    public Optional<Scope> needed() {
      return Optional.of(scope);
    }
  }

  static Access open() {
    return new Open();
  }

  static Access requires(Scope scope) {
    return new Requires(scope);
  }

  /** {@code open()} when {@code open}, else a credential with {@code scope}. */
  static Access openIf(boolean open, Scope scope) {
    return open ? open() : requires(scope);
  }
}
