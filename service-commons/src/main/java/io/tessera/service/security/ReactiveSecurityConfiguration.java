package io.tessera.service.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * The policy as a reactive filter chain (serving), as {@link ServletSecurityConfiguration} is for
 * the servlet services: stateless, no CSRF, credentials checked on the event loop (never blocking).
 * Spring Security keeps what it does for every request (its firewall, the security headers, the
 * principal of the exchange); {@link ReactiveAccess} authenticates and authorizes in one step.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveSecurityConfiguration {

  @Bean
  SecurityWebFilterChain tesseraSecurityWebFilterChain(
      ServerHttpSecurity http, AccessPolicy policy, BearerCredentials credentials) {
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
        .addFilterAt(
            new ReactiveAccess(policy, credentials), SecurityWebFiltersOrder.AUTHENTICATION)
        .build();
  }

  /**
   * No observations of the chain itself: with them Spring Security wraps every filter of every
   * request in observations (before and after each filter, around authentication and
   * authorization), about a tenth of serving's REST event loop in the serving benchmark, for timers
   * ({@code spring.security.*}) no dashboard or document of ours reads. Requests are still observed
   * as a whole ({@code http.server.requests}, except feature reads: docs/serving.md).
   */
  @Bean
  SecurityObservationSettings tesseraSecurityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
