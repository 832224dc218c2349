package io.tessera.service.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Every service's rules, in the order they are tried (the first that matches decides): health and
 * the API documentation open; then the service's own rules ({@link #of}); then Prometheus and
 * metrics for {@link Scope#METRICS}; then everything else, other actuator endpoints and any path no
 * rule names, for {@link Scope#ADMIN}. Failing closed: an endpoint added without a rule is
 * admin-only until someone decides otherwise.
 *
 * <p>The servlet and the reactive filter chains are both built from this list, and so is the
 * message that tells a refused caller which scope it lacks.
 */
public record AccessPolicy(List<AccessRule> rules) {

  /** Open to all: probes (Kubernetes, the launcher) and the OpenAPI document and console. */
  static final List<AccessRule> OPEN_FIRST =
      List.of(
          AccessRule.open("/actuator/health", HttpMethod.GET, HttpMethod.HEAD),
          AccessRule.open("/actuator/health/**", HttpMethod.GET, HttpMethod.HEAD),
          AccessRule.open("/v3/api-docs", HttpMethod.GET),
          AccessRule.open("/v3/api-docs/**", HttpMethod.GET),
          AccessRule.open("/swagger-ui.html", HttpMethod.GET),
          AccessRule.open("/swagger-ui/**", HttpMethod.GET),
          AccessRule.open("/webjars/**", HttpMethod.GET));

  /** After the service's rules: scraping for metrics, the rest for admin. */
  static final List<AccessRule> ADMIN_LAST =
      List.of(
          AccessRule.requires(Scope.METRICS, "/actuator/prometheus", HttpMethod.GET),
          AccessRule.requires(Scope.METRICS, "/actuator/metrics", HttpMethod.GET),
          AccessRule.requires(Scope.METRICS, "/actuator/metrics/**", HttpMethod.GET),
          AccessRule.requires(Scope.ADMIN, "/**"));

  public AccessPolicy {
    rules = List.copyOf(rules);
  }

  /** The policy of a service whose own endpoints follow {@code serviceRules}. */
  public static AccessPolicy of(List<AccessRule> serviceRules) {
    List<AccessRule> rules = new ArrayList<>(OPEN_FIRST);
    rules.addAll(serviceRules);
    rules.addAll(ADMIN_LAST);
    return new AccessPolicy(rules);
  }
}
