package io.tessera.service.security;

import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Who may call the endpoints a path pattern and methods select: a line of an {@link AccessPolicy}.
 * Patterns are Spring's {@code PathPattern}s ({@code /api/v1/push/**}, {@code /api/v1/*:validate}),
 * matched alike by the servlet and the reactive stack.
 *
 * @param methods the methods it applies to; empty: all
 */
public record AccessRule(Set<HttpMethod> methods, String pattern, Access access) {

  public AccessRule {
    methods = Set.copyOf(methods);
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("a path pattern starts with /: " + pattern);
    }
  }

  public static AccessRule of(Access access, String pattern, HttpMethod... methods) {
    return new AccessRule(Set.of(methods), pattern, access);
  }

  public static AccessRule open(String pattern, HttpMethod... methods) {
    return of(Access.open(), pattern, methods);
  }

  public static AccessRule requires(Scope scope, String pattern, HttpMethod... methods) {
    return of(Access.requires(scope), pattern, methods);
  }
}
