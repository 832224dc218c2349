package io.tessera.registry.publish;

import io.tessera.registry.RegistryProperties;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.store.NameState;
import io.tessera.registry.store.StoredVersion;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.RegistrySnapshot;
import io.tessera.registryclient.TopicRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the topic and the store from drifting. It reads the topic with the same {@link
 * RegistryClient} every other service uses, and publishes every stored version and deletion the
 * topic lacks (a crash or a broker outage between the store write and the publish leaves such
 * gaps). It also repairs latest pointers a crash left behind. Runs once before the service reports
 * ready, then every {@code tessera.registry.reconcile-interval}.
 */
@Component
@Order(TopicReconciler.ORDER)
public class TopicReconciler implements ApplicationRunner, DisposableBean {

  /** Before the runners that publish what follows a version, such as its backfill. */
  public static final int ORDER = 0;

  private static final Logger LOG = LoggerFactory.getLogger(TopicReconciler.class);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

  private final DefinitionStore store;
  private final DefinitionPublisher publisher;
  private final RegistryClient topic;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "registry-reconciler");
            thread.setDaemon(true);
            return thread;
          });

  public TopicReconciler(
      DefinitionStore store,
      DefinitionPublisher publisher,
      KafkaProperties kafka,
      RegistryProperties properties) {
    this.store = store;
    this.publisher = publisher;
    this.topic = new RegistryClient(kafka.buildConsumerProperties(), properties.topic());
    this.interval = properties.reconcileInterval();
  }

  /** Runs after the context (and so the topic) is created, before the service is ready. */
  @Override
  public void run(ApplicationArguments args) {
    topic.start();
    reconcileQuietly();
    scheduler.scheduleWithFixedDelay(
        this::reconcileQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Publishes what the store has and the topic lacks.
   *
   * @return how many records it published
   */
  public int reconcile() throws InterruptedException {
    if (!topic.awaitCaughtUp(CATCH_UP_TIMEOUT)) {
      LOG.warn("the {} topic could not be read; reconciling later", topic.topic());
      return 0;
    }
    RegistrySnapshot published = topic.snapshot();
    List<TopicRecord> missing = new ArrayList<>();
    missing.addAll(missing(DefinitionKind.VIEW, published.views()));
    missing.addAll(missing(DefinitionKind.SERVICE, published.services()));
    int acknowledged = publisher.publishAll(missing);
    if (!missing.isEmpty()) {
      LOG.info(
          "republished {} of {} records the {} topic lacked",
          acknowledged,
          missing.size(),
          topic.topic());
    }
    return acknowledged;
  }

  private <T> List<TopicRecord> missing(
      DefinitionKind kind, Map<String, DefinitionHistory<T>> published) {
    Map<String, NameState> states =
        store.states(kind).stream().collect(Collectors.toMap(NameState::name, Function.identity()));
    List<TopicRecord> missing = new ArrayList<>();
    for (String name : store.storedNames(kind)) {
      List<StoredVersion> versions = store.versions(kind, name);
      DefinitionHistory<T> history = published.get(name);
      for (int i = versions.size() - 1; i >= 0; i--) { // oldest first
        StoredVersion version = versions.get(i);
        if (history == null || history.version(version.version()).isEmpty()) {
          missing.add(version.toRecord());
        }
      }
      NameState state = states.get(name);
      if (state == null || state.latestVersion() < versions.get(0).version()) {
        store.updateLatest(versions.get(0));
      }
      int deletedOnTopic = history == null ? 0 : history.deletedThroughVersion();
      if (state != null && state.deletedThroughVersion() > deletedOnTopic) {
        state.deletion().ifPresent(missing::add);
      }
    }
    return missing;
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("reconciling the {} topic failed; retrying later", topic.topic(), e);
    }
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
    topic.close();
  }
}
