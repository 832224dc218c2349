package io.tessera.serving.config;

import io.tessera.service.security.Access;
import io.tessera.service.security.AccessRule;
import io.tessera.service.security.Scope;
import io.tessera.service.security.ServiceAccessRules;
import io.tessera.service.security.TesseraSecurityProperties;
import io.tessera.serving.rest.FeatureReadPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call serving: feature reads need scope {@code read} unless {@code
 * tessera.security.serving-reads-open} ({@link #featureReadAccess}: the filter chain's rules, the
 * direct REST path and gRPC's interceptor all check this one bean); training-data jobs, which read
 * whole histories and write files on the server, need {@code admin}.
 */
@Configuration(proxyBeanMethods = false)
class ServingAccess {

  /** What a feature read needs, on REST and gRPC alike. */
  @Bean
  Access featureReadAccess(TesseraSecurityProperties security) {
    return Access.openIf(security.servingReadsOpen(), Scope.READ);
  }

  @Bean
  ServiceAccessRules servingAccessRules(Access featureReadAccess) {
    return ServiceAccessRules.of(
        AccessRule.of(featureReadAccess, FeatureReadPaths.FEATURES, HttpMethod.POST),
        AccessRule.of(featureReadAccess, FeatureReadPaths.ONE_ENTITY, HttpMethod.GET),
        AccessRule.requires(Scope.ADMIN, "/api/v1/training-data/**"));
  }
}
