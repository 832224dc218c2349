package io.tessera.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.tessera.service.startup.StartupProperties;
import io.tessera.service.startup.StartupRetry;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The application's Cassandra session, opened by waiting for Cassandra rather than failing at the
 * first refused connection, after the keyspace exists. Runs before Boot's own Cassandra
 * configuration, whose session bean then backs off.
 */
@AutoConfiguration(before = CassandraAutoConfiguration.class)
@EnableConfigurationProperties(StartupProperties.class)
public class CassandraStartupAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CassandraStartup cassandraStartup(
      StartupProperties properties, CassandraConnectionDetails connection) {
    String nodes =
        connection.getContactPoints().stream()
            .map(node -> node.host() + ":" + node.port())
            .collect(Collectors.joining(","));
    return new CassandraStartup(
        new StartupRetry(
            StartupRetry.Policy.ofDeadline(properties.deadline()), CassandraStartup::isTransient),
        properties.ddlTimeout(),
        "Cassandra at " + nodes);
  }

  @Bean
  KeyspaceBootstrap keyspaceBootstrap(
      CassandraConnectionDetails connection,
      CassandraProperties properties,
      @Value("${tessera.cassandra.replication}") String replication,
      CassandraStartup startup) {
    return new KeyspaceBootstrap(connection, properties, replication, startup);
  }

  /** Each attempt takes a new builder, so the keyspace bootstrap runs (again) before it. */
  @Bean
  @ConditionalOnMissingBean
  CqlSession cassandraSession(
      ObjectProvider<CqlSessionBuilder> builders, CassandraStartup startup) {
    return startup.await("open a session", () -> builders.getObject().build());
  }
}
