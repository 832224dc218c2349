package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.engine.event.Event;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.Watermark;
import io.tessera.registryclient.RegistryClient;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.FinestResolution;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.RegistryLineages;
import io.tessera.streamcore.partition.KeyPartitions;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a serving test feeds an instance, as ingest and the aggregation owner would: a normalized
 * topic of its own, which the instance follows ({@link #register}); events and watermarks produced
 * into it; and a {@link TestOwner} that applies them with the registry's lineages (so any view and
 * version the stack published) and writes what seals to the stack's sealed tables, on the session
 * given (a private Cassandra's, say). A watermark {@code W} seals the minutes before {@code W -
 * allowedLateness}: those are read from the store, later ones from the instance's memory.
 */
final class StreamFeed implements AutoCloseable {
  static final int PARTITIONS = 3;

  final NormalizedTopic topic;
  private final ServingStack stack;
  private final CqlSession session;
  private RegistryClient registry;
  private TestOwner owner;

  /** A feed into {@code stack}'s tables on the shared local Cassandra. */
  static StreamFeed on(ServingStack stack) throws Exception {
    return new StreamFeed(stack, LocalStack.get().cqlSession());
  }

  StreamFeed(ServingStack stack, CqlSession session) throws Exception {
    this.stack = stack;
    this.session = session;
    this.topic = new NormalizedTopic(UniqueNames.of(stack.tablePrefix + "norm"), PARTITIONS);
  }

  /** The stack's names and this topic: the instance follows it. */
  void register(DynamicPropertyRegistry registry) {
    stack.register(registry);
    registry.add("tessera.serving.follower.normalized-topic", () -> topic.name);
  }

  /** Produces {@code events} (their entity keys are the views' encoded keys) as ingest would. */
  void produce(String view, int version, List<Event> events) throws Exception {
    topic.produce(
        events.stream()
            .map(
                e ->
                    new NormalizedEvent(
                        view,
                        version,
                        e.entityKey(),
                        e.eventTimeMs(),
                        e.eventId(),
                        e.eventTimeMs(),
                        e.values()))
            .toList());
  }

  /** The view version's watermark into every partition, then the owner applies the topic. */
  void seal(String view, int version, long watermarkMs) throws Exception {
    topic.watermark(view, version, watermarkMs);
    owner().catchUp();
  }

  /**
   * As {@link #seal}, but the partition of {@code behindEntity} gets {@code behindMs} instead: its
   * data of the view reaches less far than the others' (its watermark records are late, say).
   */
  void seal(String view, int version, long watermarkMs, String behindEntity, long behindMs)
      throws Exception {
    int behind = partitionOf(view, behindEntity);
    long nowMs = System.currentTimeMillis();
    for (int p = 0; p < PARTITIONS; p++) {
      long ms = p == behind ? behindMs : watermarkMs;
      topic.send(p, new Watermark(view, version, "test-ingest", ms, nowMs));
    }
    owner().catchUp();
  }

  /** The normalized topic's partition of the view's entity, as ingest's producer places it. */
  static int partitionOf(String view, String entityKey) {
    return KeyPartitions.of(view, entityKey, PARTITIONS);
  }

  /** The events the owner applied to the lineage stored as {@code storageName}: the oracle's. */
  List<Event> applied(String storageName) {
    return owner == null ? List.of() : owner.applied(storageName);
  }

  /** Waits until {@code follower} has caught up with the topic as it was when it started. */
  static void awaitCaughtUp(PartitionFollower follower) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!follower.caughtUp()) {
      assertThat(System.nanoTime()).as("the follower caught up within 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** The owner, started at the first seal: tests that feed nothing need no registry reader. */
  private TestOwner owner() throws InterruptedException {
    if (owner == null) {
      SealedSchema schema = new SealedSchema(stack.tablePrefix);
      schema.create(session);
      registry =
          new RegistryClient(LocalStack.get().kafkaProperties(), stack.registryTopic).start();
      assertThat(registry.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      owner =
          new TestOwner(
              topic,
              new RegistryLineages(registry),
              new CassandraSealedStore(
                  session, schema, FinestResolution.MINUTES, ViewRetention.FOREVER));
    }
    return owner;
  }

  @Override
  public void close() {
    if (owner != null) {
      owner.close();
      registry.close();
    }
    topic.close();
  }
}
