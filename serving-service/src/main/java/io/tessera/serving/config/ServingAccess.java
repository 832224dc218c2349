package io.tessera.serving.config;

import io.tessera.service.security.Access;
import io.tessera.service.security.AccessRule;
import io.tessera.service.security.Scope;
import io.tessera.service.security.ServiceAccessRules;
import io.tessera.service.security.TesseraSecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call serving: feature reads (REST here, gRPC through the same {@link #featureReads}) need
 * scope {@code read} unless {@code tessera.security.serving-reads-open}; training-data jobs, which
 * read whole histories and write files on the server, need {@code admin}.
 */
@Configuration(proxyBeanMethods = false)
class ServingAccess {

  /** What a feature read needs, on REST and gRPC alike. */
  static Access featureReads(TesseraSecurityProperties security) {
    return Access.openIf(security.servingReadsOpen(), Scope.READ);
  }

  /** {@link #featureReads} for the direct REST path, which checks it before the filter chain. */
  @Bean
  Access featureReadAccess(TesseraSecurityProperties security) {
    return featureReads(security);
  }

  @Bean
  ServiceAccessRules servingAccessRules(TesseraSecurityProperties security) {
    Access reads = featureReads(security);
    return ServiceAccessRules.of(
        AccessRule.of(reads, "/api/v1/features", HttpMethod.POST),
        AccessRule.of(reads, "/api/v1/feature-services/*/features", HttpMethod.GET),
        AccessRule.requires(Scope.ADMIN, "/api/v1/training-data/**"));
  }
}
