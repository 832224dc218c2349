package io.tessera.service.cassandra;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.tessera.service.startup.StartupRetry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a service waits for Cassandra during start-up: every first call (opening a session, creating
 * the keyspace and tables, preparing statements) goes through {@link #await}, and every schema
 * change runs with {@link #ddlTimeout()}. A freshly started node can take far longer than the
 * driver's 2-s request timeout to apply a schema change; without this the service would exit and
 * the launcher stop the whole stack.
 */
public final class CassandraStartup {

  private final StartupRetry retry;
  private final Duration ddlTimeout;
  private final String cassandra;

  /**
   * @param ddlTimeout the timeout of one attempt of a schema change
   * @param cassandra where Cassandra is, for the log: "Cassandra at 127.0.0.1:9042"
   */
  public CassandraStartup(StartupRetry retry, Duration ddlTimeout, String cassandra) {
    this.retry = retry;
    this.ddlTimeout = ddlTimeout;
    this.cassandra = cassandra;
  }

  /** The timeout of one attempt of a schema change ({@code tessera.startup.ddl-timeout}). */
  public Duration ddlTimeout() {
    return ddlTimeout;
  }

  /**
   * Runs {@code step} until Cassandra lets it succeed or the start-up deadline passes.
   *
   * @param task what the step does, completing "waiting for Cassandra at ... to": "create the
   *     keyspace tessera"
   */
  public <T> T await(String task, Supplier<T> step) {
    return retry.call(cassandra + " to " + task, step::get);
  }

  /** {@link #await} for a step without a result. */
  public void run(String task, Runnable step) {
    retry.run(cassandra + " to " + task, step::run);
  }

  /**
   * Whether waiting may cure {@code failure}: the driver (or Spring's translation of it) failed,
   * but not because the statement itself is wrong (syntax, invalid query, no permission), which no
   * retry can fix.
   */
  public static boolean isTransient(Throwable failure) {
    boolean driverFailure = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof QueryValidationException) {
        return false;
      }
      driverFailure |= cause instanceof DriverException;
      if (cause.getCause() == cause) {
        break;
      }
    }
    return driverFailure;
  }
}
