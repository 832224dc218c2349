package io.tessera.service.security;

import java.util.List;

/**
 * A service's own endpoints and who may call them, declared by the service as a bean, in the order
 * they are tried. The shared rules (health open, metrics, admin for the rest) surround them in the
 * {@link AccessPolicy}; a service without this bean has only those.
 */
public record ServiceAccessRules(List<AccessRule> rules) {

  public ServiceAccessRules {
    rules = List.copyOf(rules);
  }

  public static ServiceAccessRules of(AccessRule... rules) {
    return new ServiceAccessRules(List.of(rules));
  }
}
