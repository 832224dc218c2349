package io.tessera.service.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.InetSocketAddress;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.cassandra.autoconfigure.CqlSessionBuilderCustomizer;

/**
 * Creates the service keyspace, if missing, before Boot builds the application's session.
 *
 * <p>The application session is bound to the keyspace and fails to open when it does not exist, so
 * a short-lived session without a keyspace creates it first. {@code IF NOT EXISTS} makes this safe
 * when several services start at once. This is a service's first call to Cassandra, so it waits for
 * a node that does not answer yet (see {@link CassandraStartup}).
 */
public final class KeyspaceBootstrap implements CqlSessionBuilderCustomizer {

  private final CassandraConnectionDetails connection;
  private final String keyspace;
  private final String replication;
  private final CassandraStartup startup;

  public KeyspaceBootstrap(
      CassandraConnectionDetails connection,
      CassandraProperties properties,
      String replication,
      CassandraStartup startup) {
    this.connection = connection;
    this.keyspace = properties.getKeyspaceName();
    this.replication = replication;
    this.startup = startup;
  }

  @Override
  public void customize(CqlSessionBuilder builder) {
    if (keyspace == null || keyspace.isBlank()) {
      return;
    }
    startup.run("create the keyspace " + keyspace, this::createKeyspace);
  }

  private void createKeyspace() {
    var bootstrap = CqlSession.builder().withLocalDatacenter(connection.getLocalDatacenter());
    connection
        .getContactPoints()
        .forEach(
            node -> bootstrap.addContactPoint(new InetSocketAddress(node.host(), node.port())));
    try (CqlSession session = bootstrap.build()) {
      session.execute(
          SimpleStatement.newInstance(
                  "CREATE KEYSPACE IF NOT EXISTS "
                      + keyspace
                      + " WITH replication = "
                      + replication)
              .setTimeout(startup.ddlTimeout()));
    }
  }
}
