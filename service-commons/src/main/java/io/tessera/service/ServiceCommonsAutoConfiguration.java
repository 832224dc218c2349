package io.tessera.service;

import io.tessera.service.cassandra.KeyspaceBootstrap;
import io.tessera.service.kafka.KafkaBrokerHealthIndicator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** Wires what every Tessera service needs beyond Boot's own auto-configuration. */
@AutoConfiguration(after = CassandraAutoConfiguration.class)
public class ServiceCommonsAutoConfiguration {

  @Bean
  KeyspaceBootstrap keyspaceBootstrap(
      CassandraConnectionDetails connection,
      CassandraProperties properties,
      @Value("${tessera.cassandra.replication}") String replication) {
    return new KeyspaceBootstrap(connection, properties, replication);
  }

  @Bean
  KafkaBrokerHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
    return new KafkaBrokerHealthIndicator(properties.buildAdminProperties());
  }
}
