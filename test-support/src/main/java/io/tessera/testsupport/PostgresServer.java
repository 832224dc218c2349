package io.tessera.testsupport;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The local stack's PostgreSQL server, as {@code ./tessera} starts it (local-stack/stack.sh): the
 * database JDBC batch sources are tested against, reached with a user and password like any
 * warehouse. The same environment variables configure the launcher, so tests and server agree.
 *
 * @param address where it listens (loopback)
 * @param database the test database
 * @param user a role that owns {@code database}
 * @param password its password
 */
public record PostgresServer(
    InetSocketAddress address, String database, String user, String password) {

  static PostgresServer fromEnvironment(Map<String, String> env) {
    return new PostgresServer(
        InetSocketAddress.createUnresolved(
            "127.0.0.1", Integer.parseInt(env.getOrDefault("TESSERA_POSTGRES_PORT", "5433"))),
        "tessera",
        env.getOrDefault("TESSERA_POSTGRES_USER", "tessera"),
        env.getOrDefault("TESSERA_POSTGRES_PASSWORD", "tessera"));
  }

  /** The JDBC URL of the test database, without credentials. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + address.getHostString()
        + ":"
        + address.getPort()
        + "/"
        + database;
  }

  /** A connection as {@link #user()}; the PostgreSQL driver must be on the test's classpath. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /** Never the password: records end up in test reports. */
  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + ", user=" + user + "]";
  }
}
