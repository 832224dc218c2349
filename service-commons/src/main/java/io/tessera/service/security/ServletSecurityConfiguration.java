package io.tessera.service.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The policy as a servlet filter chain (registry, ingest, aggregation). Stateless: no session, no
 * cookie, so no CSRF to defend against; every request carries its credential.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ServletSecurityConfiguration {

  @Bean
  SecurityFilterChain tesseraSecurityFilterChain(
      HttpSecurity http, AccessPolicy policy, BearerCredentials credentials) throws Exception {
    ServletAccess access = new ServletAccess(policy);
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    // an error page renders a request the chain already let through
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .anyRequest()
                    .access(access))
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .authenticationConverter(access.credentials())
                    .authenticationManagerResolver(request -> credentials.authenticationManager())
                    .authenticationEntryPoint(access)
                    .accessDeniedHandler(access))
        .exceptionHandling(
            exceptions -> exceptions.authenticationEntryPoint(access).accessDeniedHandler(access));
    return http.build();
  }
}
