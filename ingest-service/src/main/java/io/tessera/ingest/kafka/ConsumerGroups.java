package io.tessera.ingest.kafka;

import io.tessera.definitions.view.KafkaSource;
import io.tessera.ingest.normalize.CompiledView;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer groups of view versions: their names, and the hand-over of committed offsets from
 * one version's group to the next, so a new version continues where the old one stopped instead of
 * reading the topic again from its beginning.
 */
final class ConsumerGroups {

  private static final System.Logger LOG = System.getLogger(ConsumerGroups.class.getName());
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final String prefix;
  private final Map<String, Object> adminProperties;

  ConsumerGroups(String prefix, Map<String, Object> adminProperties) {
    this.prefix = prefix;
    this.adminProperties = adminProperties;
  }

  /** {@code tessera-ingest.user_txn.v3}: one group per view version. */
  String groupId(CompiledView view) {
    return prefix + "." + view.name() + ".v" + view.version();
  }

  /**
   * Gives {@code view}'s group the predecessor's committed offsets, if the group has none of its
   * own yet (a restart keeps its own) and the predecessor read the same topic. Without either, the
   * group starts from the earliest retained offset.
   */
  void handOver(CompiledView view, Optional<CompiledView> predecessor) {
    if (predecessor.isEmpty()
        || !(predecessor.get().definition().source() instanceof KafkaSource old)
        || !old.topic().equals(((KafkaSource) view.definition().source()).topic())) {
      return;
    }
    try (Admin admin = Admin.create(adminProperties)) {
      if (!committed(admin, groupId(view)).isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = committed(admin, groupId(predecessor.get()));
      if (offsets.isEmpty()) {
        return;
      }
      admin
          .alterConsumerGroupOffsets(groupId(view), offsets)
          .all()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.log(
          System.Logger.Level.INFO,
          "{0} continues from the offsets of {1}: {2}",
          groupId(view),
          groupId(predecessor.get()),
          offsets);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("handing offsets over to " + groupId(view) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    offsets.values().removeIf(java.util.Objects::isNull);
    return offsets;
  }
}
