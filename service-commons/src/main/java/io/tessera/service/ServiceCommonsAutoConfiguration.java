package io.tessera.service;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
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

  /** The OpenAPI console's title and description: which service this is and what it does. */
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
                .license(new License().name("Apache-2.0")));
  }

  @Bean
  KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
    return new KafkaBrokerHealthIndicator(properties.buildAdminProperties());
  }
}
