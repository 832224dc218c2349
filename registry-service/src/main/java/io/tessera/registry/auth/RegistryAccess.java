package io.tessera.registry.auth;

import io.tessera.service.security.Access;
import io.tessera.service.security.AccessRule;
import io.tessera.service.security.Scope;
import io.tessera.service.security.ServiceAccessRules;
import io.tessera.service.security.TesseraSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call the registry: registering, deleting, and starting or cancelling a backfill need
 * {@code write}; reads (backfills' included) and the dry-run {@code :validate} endpoints are open
 * unless {@code tessera.security.registry-reads-open=false}, then they need {@code read}. A {@code
 * PUT ?dryRun=true} is a write like any other PUT.
 */
@Configuration(proxyBeanMethods = false)
class RegistryAccess {

  @Bean
  ServiceAccessRules registryAccessRules(TesseraSecurityProperties security) {
    Access reads = Access.openIf(security.registryReadsOpen(), Scope.READ);
    return ServiceAccessRules.of(
        AccessRule.of(reads, "/api/**", HttpMethod.GET, HttpMethod.HEAD),
        AccessRule.of(reads, "/api/v1/*:validate", HttpMethod.POST),
        AccessRule.requires(Scope.WRITE, "/api/**"));
  }
}
