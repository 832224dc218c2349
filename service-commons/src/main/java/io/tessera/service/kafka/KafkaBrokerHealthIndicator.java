package io.tessera.service.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the service healthy only while the Kafka cluster answers: every service reads the
 * definitions topic, so a service cut off from Kafka cannot do its work.
 */
public final class KafkaBrokerHealthIndicator extends AbstractHealthIndicator
    implements DisposableBean {

  private static final int TIMEOUT_MS = 2_000;

  private final AdminClient admin;

  public KafkaBrokerHealthIndicator(Map<String, Object> adminProperties) {
    super("Kafka health check failed");
    var config = new java.util.HashMap<>(adminProperties);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    this.admin = AdminClient.create(config);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
    String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    int brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
  }

  @Override
  public void destroy() {
    admin.close();
  }
}
