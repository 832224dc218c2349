package io.tessera.serving.config;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.registryclient.RegistryClient;
import io.tessera.service.cassandra.CassandraStartup;
import io.tessera.service.loop.ConsumerLoopHealth;
import io.tessera.serving.follow.FollowerHealth;
import io.tessera.serving.follow.FollowerReadiness;
import io.tessera.serving.follow.FollowerRunner;
import io.tessera.serving.follow.FollowerViewReads;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.serving.online.ViewPlans;
import io.tessera.serving.online.ViewReads;
import io.tessera.serving.store.ResilientSealedReads;
import io.tessera.serving.store.SealedBlockCache;
import io.tessera.serving.store.StoreCallGuard;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.RegistryLineages;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serving as a follower of the streaming core: the owner's sealed tables, the follower that applies
 * the normalized topic, and the reads that merge its memory with the sealed store. Training data
 * reads through the same reader ({@code TrainingConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class FollowerConfiguration {

  /** The owner's tables (same prefix); serving only reads them, so no retention applies. */
  @Bean
  SealedStore followerSealedStore(
      CqlSession session, ServingProperties properties, ViewPlans plans, CassandraStartup startup) {
    SealedSchema schema = new SealedSchema(properties.tablePrefix());
    startup.run(
        "create the sealed store's tables", () -> schema.create(session, startup.ddlTimeout()));
    // a read names a lineage only after resolving its view, which records its finest tiles
    return startup.await(
        "prepare the sealed store's statements",
        () ->
            new CassandraSealedStore(
                session, schema, plans::finestResolutionMs, ViewRetention.FOREVER));
  }

  @Bean
  FollowerReadiness followerReadiness(ApplicationEventPublisher publisher) {
    return new FollowerReadiness(publisher);
  }

  @Bean
  PartitionFollower partitionFollower(
      KafkaProperties kafka,
      ServingProperties properties,
      SealedStore followerSealedStore,
      RegistryClient registry,
      MeterRegistry meters,
      FollowerReadiness readiness) {
    ServingProperties.Follower follower = properties.follower();
    return new PartitionFollower(
        kafka.buildConsumerProperties(),
        follower.normalizedTopic(),
        followerSealedStore,
        new RegistryLineages(registry),
        follower.watermarkPublisherExpiry().toMillis(),
        follower.unknownViewRetries(),
        follower.unknownViewBackoff(),
        follower.pollTimeout(),
        follower.markerSettle(),
        meters,
        OpenStateBudget.configured(follower.openStateMaxBytes(), follower.spillDirectory()),
        readiness::caughtUp);
  }

  /** The {@code follower} health component, which watches the loop the runner starts. */
  @Bean
  FollowerHealth followerHealthIndicator(PartitionFollower follower) {
    return new FollowerHealth(new ConsumerLoopHealth(), follower);
  }

  @Bean
  FollowerRunner followerRunner(
      PartitionFollower follower, FollowerHealth health, FollowerReadiness readiness) {
    return new FollowerRunner(follower, health.loop(), readiness);
  }

  /**
   * What reads see of the sealed store: cached by the store's own blocks (rows before the seal
   * point are final) in front of the store calls' bounds.
   */
  @Bean
  SealedRowReads servingSealedReads(
      SealedStore followerSealedStore,
      StoreCallGuard storeCallGuard,
      ViewPlans plans,
      ServingProperties properties,
      MeterRegistry meters) {
    return new SealedBlockCache(
        new ResilientSealedReads(followerSealedStore, storeCallGuard),
        CassandraSealedStore.blocks(plans::finestResolutionMs),
        properties.sealedBlockMaxBytes(),
        meters);
  }

  @Bean
  ViewReads viewReads(
      PartitionFollower follower,
      SealedRowReads servingSealedReads,
      SealedWindowCache sealedWindows,
      ServingProperties properties) {
    return new FollowerViewReads(
        follower,
        servingSealedReads,
        sealedWindows,
        properties.follower().lifetimeFrom().toEpochMilli());
  }
}
