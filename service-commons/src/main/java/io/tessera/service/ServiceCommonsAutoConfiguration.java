package io.tessera.service;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tessera.service.kafka.KafkaBrokerHealthIndicator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** Wires what every Tessera service needs beyond Boot's own auto-configuration. */
@AutoConfiguration(after = CassandraAutoConfiguration.class)
public class ServiceCommonsAutoConfiguration {

  private static final String BEARER = "bearer";

  /**
   * The OpenAPI console's title and description: which service this is and what it does; and the
   * one credential scheme (docs/security.md), so that the console's Authorize button sends it.
   */
  @Bean
  @ConditionalOnMissingBean
  OpenAPI serviceOpenApi(
      @Value("${spring.application.name}") String name,
      @Value("${tessera.service.description:}") String description) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Tessera " + name)
                .description(description)
                .version("v1")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API key or a JWT whose scopes the endpoint needs (read, write,"
                                + " metrics, admin); see docs/security.md")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  @Bean
  KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
    return new KafkaBrokerHealthIndicator(properties.buildAdminProperties());
  }
}
