package io.tessera.serving.config;

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
import io.tessera.serving.store.SealedWindowIrCache;
import io.tessera.serving.store.StoreCallGuard;
import io.tessera.serving.store.StoreFaults;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What bounds serving's store calls, in one place: the {@link StoreCallGuard} (bulkhead, circuit
 * breaker counting only {@link StoreFaults store faults}, per-call timeout) that {@code
 * FollowerConfiguration} puts around the sealed store, the driver's reconnection, and the cache of
 * merged sealed windows the reads consult before planning tile reads.
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

  /** Every store read of a request counts against one bulkhead, breaker and timeout. */
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

  @Bean
  SealedWindowCache sealedWindows(ServingProperties properties, MeterRegistry meters) {
    return new SealedWindowIrCache(
        properties.sealedWindowMaxBytes(), properties.sealedWindowIdleExpiry(), meters);
  }
}
