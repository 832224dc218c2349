package io.tessera.service.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Authentication and authorization the same way in every service: the credentials ({@link
 * BearerCredentials}: API keys and, when configured, JWTs) and the {@link AccessPolicy} made of the
 * shared rules and the service's {@link ServiceAccessRules}, applied by the servlet or the reactive
 * filter chain, whichever web stack the service runs. Runs before Boot's own security
 * auto-configuration, whose defaults (a generated password, actuator rules) then back off.
 */
@AutoConfiguration(
    before = {
      ServletWebSecurityAutoConfiguration.class,
      ManagementWebSecurityAutoConfiguration.class,
      ReactiveWebSecurityAutoConfiguration.class,
      ReactiveManagementWebSecurityAutoConfiguration.class,
      OAuth2ResourceServerAutoConfiguration.class,
      ReactiveOAuth2ResourceServerAutoConfiguration.class
    })
@EnableConfigurationProperties(TesseraSecurityProperties.class)
@Import({ServletSecurityConfiguration.class, ReactiveSecurityConfiguration.class})
public class TesseraSecurityAutoConfiguration {

  /** The variable of the registry's former plain-text keys, refused rather than ignored. */
  static final String FORMER_REGISTRY_KEYS = "TESSERA_REGISTRY_API_KEYS";

  @Bean
  BearerCredentials bearerCredentials(
      TesseraSecurityProperties properties, ResourceLoader resources, Environment environment) {
    if (!environment.getProperty(FORMER_REGISTRY_KEYS, "").isBlank()) {
      throw new IllegalStateException(
          FORMER_REGISTRY_KEYS
              + " (plain-text name:secret keys) is replaced by TESSERA_API_KEYS, which holds"
              + " name:scopes:sha256hex entries: see docs/security.md");
    }
    return new BearerCredentials(
        ApiKeys.parse(properties.apiKeys()), JwtCredentials.from(properties.jwt(), resources));
  }

  @Bean
  AccessPolicy accessPolicy(ObjectProvider<ServiceAccessRules> serviceRules) {
    return AccessPolicy.of(serviceRules.getIfAvailable(() -> ServiceAccessRules.of()).rules());
  }
}
