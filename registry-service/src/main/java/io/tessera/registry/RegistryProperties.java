package io.tessera.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The registry's settings, under {@code tessera.registry}.
 *
 * @param topic the compacted topic every version and deletion is published to
 * @param topicReplicas replicas of that topic when the registry creates it (1 on a laptop)
 * @param tablePrefix prefix of the two Cassandra tables (tests isolate themselves with it)
 * @param maxBodySize the largest definition accepted; larger bodies get 413
 * @param reconcileInterval how often the store is compared with the topic and the topic repaired
 * @param publishTimeout how long a write waits for the broker to acknowledge its record
 * @param backfillRequestsTopic where backfill commands go to the workers (keyed by view)
 * @param backfillStatusTopic the compacted topic of every backfill's newest status
 */
@ConfigurationProperties("tessera.registry")
public record RegistryProperties(
    @DefaultValue("feature-definitions") String topic,
    @DefaultValue("1") int topicReplicas,
    @DefaultValue("") String tablePrefix,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("1m") Duration reconcileInterval,
    @DefaultValue("10s") Duration publishTimeout,
    @DefaultValue("backfill-requests") String backfillRequestsTopic,
    @DefaultValue("backfill-status") String backfillStatusTopic) {}
