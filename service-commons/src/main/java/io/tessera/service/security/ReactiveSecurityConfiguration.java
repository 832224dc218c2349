package io.tessera.service.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * The policy as a reactive filter chain (serving), as {@link ServletSecurityConfiguration} is for
 * the servlet services: stateless, no CSRF, credentials checked on the event loop (never blocking).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveSecurityConfiguration {

  @Bean
  SecurityWebFilterChain tesseraSecurityWebFilterChain(
      ServerHttpSecurity http, AccessPolicy policy, BearerCredentials credentials) {
    ReactiveAccess access = new ReactiveAccess(policy);
    // on the calling thread: checking a credential never blocks (BearerCredentials)
    ReactiveAuthenticationManager authenticationManager =
        request ->
            Mono.fromCallable(
                () ->
                    credentials.authenticate(
                        ((BearerTokenAuthenticationToken) request).getToken()));
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .authorizeExchange(exchanges -> exchanges.anyExchange().access(access))
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .bearerTokenConverter(access.credentials())
                    .authenticationManagerResolver(exchange -> Mono.just(authenticationManager))
                    .authenticationEntryPoint(access)
                    .accessDeniedHandler(access))
        .exceptionHandling(
            exceptions -> exceptions.authenticationEntryPoint(access).accessDeniedHandler(access))
        .build();
  }
}
