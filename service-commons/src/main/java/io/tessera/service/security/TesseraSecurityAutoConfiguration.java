package io.tessera.service.security;

import java.util.Map;
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

  /**
   * The registry's former settings and what replaced them. A deployment still setting one is
   * refused at start-up rather than ignored: ignoring the former {@code protect-reads} would
   * silently open reads its operators meant to close.
   */
  static final Map<String, String> FORMER_SETTINGS =
      Map.of(
          "TESSERA_REGISTRY_API_KEYS",
          "TESSERA_API_KEYS, which holds name:scopes:sha256hex entries, never plain keys",
          "tessera.registry.auth.api-keys",
          "tessera.security.api-keys, which holds name:scopes:sha256hex entries",
          "TESSERA_REGISTRY_PROTECT_READS",
          "TESSERA_REGISTRY_READS_OPEN (its opposite: set it to false to protect reads)",
          "tessera.registry.auth.protect-reads",
          "tessera.security.registry-reads-open (its opposite)");

  @Bean
  BearerCredentials bearerCredentials(
      TesseraSecurityProperties properties, ResourceLoader resources, Environment environment) {
    FORMER_SETTINGS.forEach(
        (former, replacement) -> {
          if (environment.containsProperty(former)) {
            throw new IllegalStateException(
                former + " is no longer read; use " + replacement + " (see docs/security.md)");
          }
        });
    return new BearerCredentials(
        ApiKeys.parse(properties.apiKeys()), JwtCredentials.from(properties.jwt(), resources));
  }

  @Bean
  AccessPolicy accessPolicy(ObjectProvider<ServiceAccessRules> serviceRules) {
    return AccessPolicy.of(serviceRules.getIfAvailable(() -> ServiceAccessRules.of()).rules());
  }
}
