package io.tessera.service.startup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a service's start-up waits for its dependencies ({@code tessera.startup.*}, defaults in
 * {@code tessera-common.yml}).
 *
 * @param deadline how long start-up may keep retrying before the service gives up and exits; the
 *     launcher waits longer than this for a service to become healthy
 * @param ddlTimeout the timeout of one attempt of a schema change: a cold node can take tens of
 *     seconds to apply one and reach schema agreement, far beyond a query's timeout
 */
@ConfigurationProperties("tessera.startup")
public record StartupProperties(Duration deadline, Duration ddlTimeout) {

  public StartupProperties {
    if (deadline == null || deadline.isNegative()) {
      throw new IllegalArgumentException("tessera.startup.deadline must be >= 0, was " + deadline);
    }
    if (ddlTimeout == null || ddlTimeout.isNegative() || ddlTimeout.isZero()) {
      throw new IllegalArgumentException(
          "tessera.startup.ddl-timeout must be positive, was " + ddlTimeout);
    }
  }
}
