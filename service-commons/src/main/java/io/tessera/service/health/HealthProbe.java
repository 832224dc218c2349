package io.tessera.service.health;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * {@code java -cp @/app/jib-classpath-file io.tessera.service.health.HealthProbe URL}: exits 0 when
 * {@code URL} (a service's {@code /actuator/health/readiness}) answers 200, 1 otherwise. Compose's
 * health checks run it inside the container, which has nothing else to send an HTTP request with.
 * Plain JDK, no Spring: it starts in a fraction of a second beside the running service.
 */
public final class HealthProbe {
  // Compose runs the check every few seconds: an answer slower than this is a failed check.
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private HealthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HealthProbe http://127.0.0.1:PORT/actuator/health/readiness");
      System.exit(2);
    }
    int status = status(URI.create(args[0]));
    if (status != 200) {
      System.err.println(args[0] + " answered " + (status < 0 ? "nothing" : status));
    }
    System.exit(status == 200 ? 0 : 1);
  }

  /** The HTTP status of a GET of {@code uri}, or -1 when nothing answered in time. */
  static int status(URI uri) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      try {
        return connection.getResponseCode();
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }
}
