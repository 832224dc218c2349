package io.tessera.serving.config;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.service.cassandra.CassandraStartup;
import io.tessera.serving.online.ViewPlans;
import io.tessera.serving.store.ResilientTileReads;
import io.tessera.serving.store.SealedTileCache;
import io.tessera.serving.store.SealedWindowIrCache;
import io.tessera.serving.store.StoreCallGuard;
import io.tessera.serving.store.StoreFaults;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.StorageSchema;
import io.tessera.storage.ViewRetention;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store as serving reads it, decorated in one place: sealed-tile cache → resilience (bulkhead,
 * circuit breaker counting only {@link StoreFaults store faults}, per-call timeout) → Cassandra;
 * and the cache of merged sealed windows the reads consult before planning tile reads.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  static final String STORE = "cassandra";

  @Bean
  DriverConfigLoaderBuilderCustomizer fastReconnection(ServingProperties properties) {
    // The driver's default waits up to a minute between attempts; serving should find a store
    // that came back within seconds.
    return builder ->
        builder
            .withDuration(
                DefaultDriverOption.RECONNECTION_BASE_DELAY, java.time.Duration.ofMillis(200))
            .withDuration(
                DefaultDriverOption.RECONNECTION_MAX_DELAY, properties.store().reconnectMaxDelay());
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService storeTimeouts() {
    return Executors.newSingleThreadScheduledExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "store-timeouts");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  CircuitBreaker storeCircuitBreaker(ServingProperties properties, MeterRegistry meters) {
    ServingProperties.Store store = properties.store();
    CircuitBreakerRegistry registry =
        CircuitBreakerRegistry.of(
            StoreFaults.circuitBreakerConfig(
                store.failureRateThreshold(),
                store.slidingWindowSize(),
                store.minimumCalls(),
                store.openDuration(),
                store.probeCalls()));
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return registry.circuitBreaker(STORE);
  }

  @Bean
  Bulkhead storeBulkhead(ServingProperties properties, MeterRegistry meters) {
    BulkheadRegistry registry =
        BulkheadRegistry.of(
            BulkheadConfig.custom()
                .maxConcurrentCalls(properties.store().maxConcurrentCalls())
                .maxWaitDuration(java.time.Duration.ZERO)
                .build());
    TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
    return registry.bulkhead(STORE);
  }

  /** Both cores' store reads count against one bulkhead, breaker and timeout. */
  @Bean
  StoreCallGuard storeCallGuard(
      Bulkhead bulkhead,
      CircuitBreaker circuitBreaker,
      TimeLimiter timeLimiter,
      ScheduledExecutorService storeTimeouts) {
    return new StoreCallGuard(bulkhead, circuitBreaker, timeLimiter, storeTimeouts);
  }

  @Bean
  TimeLimiter storeTimeLimiter(ServingProperties properties, MeterRegistry meters) {
    TimeLimiterRegistry registry =
        TimeLimiterRegistry.of(
            TimeLimiterConfig.custom()
                .timeoutDuration(properties.store().callTimeout())
                .cancelRunningFuture(true)
                .build());
    TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(registry).bindTo(meters);
    return registry.timeLimiter(STORE);
  }

  /**
   * The version-1 tables, created at start-up whichever core serves (training reads them): every
   * bean that prepares statements on them takes this one.
   */
  @Bean
  StorageSchema tileStoreSchema(
      CqlSession session, ServingProperties properties, CassandraStartup startup) {
    StorageSchema schema = new StorageSchema(properties.tablePrefix());
    startup.run(
        "create the tile store's tables", () -> schema.create(session, startup.ddlTimeout()));
    return schema;
  }

  @Bean
  AsyncTileReads servingStore(
      CqlSession session,
      StorageSchema tileStoreSchema,
      ServingProperties properties,
      ViewPlans plans,
      StoreCallGuard storeCallGuard,
      MeterRegistry meters,
      CassandraStartup startup) {
    AsyncTileReads cassandra =
        startup.await(
            "prepare the tile store's statements",
            () -> new CassandraTileStore(session, tileStoreSchema, ViewRetention.FOREVER).reads());
    AsyncTileReads resilient = new ResilientTileReads(cassandra, storeCallGuard);
    return new SealedTileCache(
        resilient, plans::finestResolutionMs, properties.cacheMaxBytes(), meters);
  }

  @Bean
  SealedWindowCache sealedWindows(ServingProperties properties, MeterRegistry meters) {
    return new SealedWindowIrCache(
        properties.sealedWindowMaxBytes(), properties.sealedWindowIdleExpiry(), meters);
  }
}
