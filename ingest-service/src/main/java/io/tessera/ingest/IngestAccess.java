package io.tessera.ingest;

import io.tessera.service.security.AccessRule;
import io.tessera.service.security.Scope;
import io.tessera.service.security.ServiceAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call ingest: pushing events needs {@code write} (a pushed event changes features, of
 * Kafka-sourced views too); anything about dead letters (replaying them, watching a replay) needs
 * {@code admin}. The shared policy ({@code io.tessera.service.security}) adds health, metrics and
 * admin for everything else.
 */
@Configuration(proxyBeanMethods = false)
class IngestAccess {

  @Bean
  ServiceAccessRules ingestAccessRules() {
    return ServiceAccessRules.of(
        AccessRule.requires(Scope.WRITE, "/api/v1/push/**", HttpMethod.POST),
        AccessRule.requires(Scope.ADMIN, "/api/v1/dead-letters/**"));
  }
}
