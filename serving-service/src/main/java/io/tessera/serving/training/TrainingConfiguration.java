package io.tessera.serving.training;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.registryclient.RegistryClient;
import io.tessera.serving.config.ServingProperties;
import io.tessera.serving.online.DefinitionResolver;
import io.tessera.serving.online.ServingVersions;
import io.tessera.serving.online.ViewPlans;
import io.tessera.serving.training.access.TrainingAccess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Training-data jobs: one job at a time (a sweep already keeps every core busy), its CPU work on a
 * pool of one thread per core, reading through the {@link Timelines} of the streaming core serving
 * runs (see {@code ReadCoreConfiguration}).
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
        new DefinitionResolver(registry::snapshot, versions, plans),
        trainingTimelines,
        Executors.newSingleThreadExecutor(daemons("training-job")),
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemons("training-cpu")),
        GROUPS_IN_FLIGHT,
        training.maxPendingJobs(),
        access(properties, training, jdbcCredentials),
        Clock.systemUTC());
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
