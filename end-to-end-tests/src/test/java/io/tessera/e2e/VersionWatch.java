package io.tessera.e2e;

import io.tessera.engine.view.ViewSpec;
import io.tessera.harness.process.ServiceProcess;
import io.tessera.harness.serving.FeatureReads;
import io.tessera.harness.serving.ServedVector;
import io.tessera.harness.serving.ServingReaders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Unpinned reads of the current time, as a model-serving app makes them, four a second per serving
 * instance while the change happens: which version answered each (once an instance answers with
 * version 2 it never answers with 1 again), and that no value is {@code stale} (an {@code
 * unavailable} one, a store call past its timeout on a loaded machine, is no news).
 */
final class VersionWatch implements AutoCloseable {
  private final List<ServiceProcess> servings;
  private final String view;
  private final String keyColumn;
  private final List<String> features;
  private final Map<Integer, Integer> newestByInstance = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile int reads;

  VersionWatch(List<ServiceProcess> servings, String view, String keyColumn, ViewSpec v1) {
    this.servings = List.copyOf(servings);
    this.view = view;
    this.keyColumn = keyColumn;
    this.features = v1.features().stream().map(f -> f.name()).toList();
    this.thread = new Thread(this::run, "version-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    List<FeatureReads> readers = ServingReaders.restAndGrpc(servings);
    try {
      int round = 0;
      while (running.get()) {
        for (int i = 0; i < servings.size(); i++) {
          FeatureReads reader = readers.get(2 * i + (round % 2));
          ServedVector served =
              reader.read(
                  view,
                  features,
                  keyColumn,
                  view + "_u" + (round % 16),
                  System.currentTimeMillis());
          reads++;
          record(i, reader.transport(), served);
        }
        round++;
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      problems.add("a read failed: " + e);
    } finally {
      readers.forEach(FeatureReads::close);
    }
  }

  private void record(int instance, String transport, ServedVector served) {
    Set<Integer> answering = served.answeringVersions();
    if (answering.size() != 1) {
      problems.add("serving " + instance + " answered one request with versions " + answering);
      return;
    }
    int version = answering.iterator().next();
    Integer before = newestByInstance.put(instance, version);
    if (before != null && before > version) {
      problems.add(
          "serving %d went back from version %d to %d (%s)"
              .formatted(instance, before, version, transport));
    }
    served
        .statuses()
        .forEach(
            (key, status) -> {
              if (status.equals("stale")) {
                problems.add(
                    "serving %d answered %s %s with version %d (%s)"
                        .formatted(instance, key, status, version, transport));
              }
            });
  }

  boolean sawVersion(int version) {
    return newestByInstance.containsValue(version);
  }

  boolean everyInstanceAnswers(int version) {
    return newestByInstance.size() == servings.size()
        && newestByInstance.values().stream().allMatch(v -> v == version);
  }

  int reads() {
    return reads;
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(5_000);
  }
}
