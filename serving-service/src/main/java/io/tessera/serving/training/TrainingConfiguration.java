package io.tessera.serving.training;

import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.registryclient.RegistryClient;
import io.tessera.serving.config.ServingProperties;
import io.tessera.serving.follow.FollowerViewReads;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.serving.online.DefinitionResolver;
import io.tessera.serving.online.ServingVersions;
import io.tessera.serving.online.ViewPlans;
import io.tessera.serving.store.SealedWindowIrCache;
import io.tessera.training.access.TrainingAccess;
import io.tessera.training.job.TrainingJobs;
import io.tessera.training.sweep.ServedTimelines;
import io.tessera.training.sweep.Timelines;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The training module hosted here: its jobs ({@link TrainingJobs}, one at a time: a sweep already
 * keeps every core busy; its CPU work on a pool of one thread per core) with its two ports answered
 * by serving, the selection by online serving's resolution ({@link ServingFeatureResolver}) and the
 * values by the follower's reads ({@link FollowerServedReads}), and what jobs may touch from the
 * {@code tessera.serving.training.*} settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TrainingProperties.class, JdbcCredentialsProperties.class})
class TrainingConfiguration {

  /**
   * Entity groups loaded ahead of the CPU: enough to hide Cassandra's latency, few enough that a
   * hot entity's week of tiles and events (several partitions each) does not time queries out.
   */
  private static final int GROUPS_IN_FLIGHT = 8;

  /**
   * Executors are the jobs' own, not beans: an Executor bean would replace Boot's task executor.
   */
  @Bean(destroyMethod = "close")
  TrainingJobs trainingJobs(
      RegistryClient registry,
      ServingVersions versions,
      ViewPlans plans,
      Timelines trainingTimelines,
      ServingProperties properties,
      TrainingProperties training,
      JdbcCredentialsProperties jdbcCredentials) {
    return new TrainingJobs(
        new ServingFeatureResolver(new DefinitionResolver(registry::snapshot, versions, plans)),
        trainingTimelines,
        Executors.newSingleThreadExecutor(daemons("training-job")),
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemons("training-cpu")),
        GROUPS_IN_FLIGHT,
        training.maxPendingJobs(),
        access(properties, training, jdbcCredentials),
        Clock.systemUTC());
  }

  /**
   * Training reads what serving answers: the same follower, reader and sealed store, at every spine
   * time (an entity's sealed span preloaded once, then a few of its times at once, {@link
   * ServedTimelines}). Straight to the store, not through serving's call guard: a sweep keeps reads
   * in flight back to back, which crosses the 250 ms call timeout and the bulkhead sized for single
   * requests without anything being wrong, failed the whole job, and counted against serving's
   * circuit. The rows read are final either way. Its merged sealed spans go to a cache of their own
   * ({@code cache=training-sealed-windows}): a sweep over history would otherwise push the online
   * requests' hot entries out.
   */
  @Bean
  Timelines trainingTimelines(
      PartitionFollower follower,
      SealedStore followerSealedStore,
      ServingProperties properties,
      MeterRegistry meters) {
    return new ServedTimelines(
        new FollowerServedReads(
            new FollowerViewReads(
                follower,
                followerSealedStore,
                new SealedWindowIrCache(
                    properties.sealedWindowMaxBytes(),
                    properties.sealedWindowIdleExpiry(),
                    meters,
                    "training-sealed-windows"),
                properties.follower().lifetimeFrom().toEpochMilli())));
  }

  /** What jobs may touch: the configured directories (the training directory by default). */
  private static TrainingAccess access(
      ServingProperties properties,
      TrainingProperties training,
      JdbcCredentialsProperties jdbcCredentials) {
    List<String> trainingDir = List.of(properties.trainingDir());
    DuckDbSandbox duck = new DuckDbSandbox(training.duckdbMemoryLimit().toBytes());
    return new TrainingAccess(
        ConfinedDirectories.of(
            "spine",
            "tessera.serving.training.spine-dirs",
            paths(training.spineDirs().isEmpty() ? trainingDir : training.spineDirs())),
        ConfinedDirectories.of(
            "output",
            "tessera.serving.training.output-dirs",
            paths(training.outputDirs().isEmpty() ? trainingDir : training.outputDirs())),
        new BatchSourceAccess(
            ConfinedDirectories.of(
                "batch-source",
                "tessera.serving.training.batch-source-dirs",
                paths(training.batchSourceDirs())),
            new JdbcAllowList("tessera.serving.training.jdbc-urls", training.jdbcUrls()),
            jdbcCredentials.toCredentials(),
            duck),
        duck);
  }

  private static List<Path> paths(List<String> directories) {
    return directories.stream().filter(dir -> !dir.isBlank()).map(Path::of).toList();
  }

  private static java.util.concurrent.ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
