package io.tessera.benchmarks.serving;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.compaction.Compactor;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.storage.CassandraTileStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the benchmark's users straight into the store, the way the aggregation-service leaves them:
 * events appended, then one compaction step that builds the closed tiles and seals the older ones.
 * Skipping Kafka and the aggregation-service makes loading minutes instead of an hour; what serving
 * reads is the same rows.
 *
 * <p>User of rank {@code r} (named {@code u<r>}) gets {@code hotEvents / r^exponent} events (at
 * least one), uniformly over the last seven days: the hottest users have 10k+ events in the 7d
 * window, most users a handful.
 */
final class StoreLoader {
  private static final long MINUTE_MS = 60_000L;
  private static final long WEEK_MS = 7 * 24 * 60 * MINUTE_MS;

  /** Users loaded at once; the Cassandra node on this machine is the limit, not the threads. */
  private static final int PARALLEL_USERS = 4;

  private static final int APPEND_CHUNK = 1_000;
  private static final long PROGRESS_EVERY = 20_000;

  private final CassandraTileStore store;
  private final FeatureView view;
  private final Zipf activity;
  private final int users;
  private final int hotEvents;

  StoreLoader(CassandraTileStore store, FeatureView view, int users, int hotEvents, Zipf activity) {
    this.store = store;
    this.view = view;
    this.users = users;
    this.hotEvents = hotEvents;
    this.activity = activity;
  }

  static String user(int rank) {
    return "u" + rank;
  }

  int eventsOf(int rank) {
    return (int) Math.max(1, Math.round(hotEvents * activity.weight(rank)));
  }

  /** Loads every user; returns the number of events written. */
  long load(long nowMs) throws Exception {
    // As the aggregation-service would after running a while: tiles closed two minutes ago, sealed
    // half an hour before that; the newest events stay pending and are read as such.
    long closedBeforeMs = Math.floorDiv(nowMs, MINUTE_MS) * MINUTE_MS - 2 * MINUTE_MS;
    long sealBeforeMs = closedBeforeMs - 30 * MINUTE_MS;
    AtomicLong written = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_USERS);
    try {
      List<Future<?>> loads = new ArrayList<>();
      for (int rank = 1; rank <= users; rank++) {
        int r = rank;
        loads.add(
            pool.submit(
                () -> {
                  List<Event> events = events(r, nowMs);
                  EntityRef ref = new EntityRef(view.name(), user(r));
                  // In chunks, as the aggregation-service appends a poll's worth at a time.
                  for (int from = 0; from < events.size(); from += APPEND_CHUNK) {
                    store
                        .appendNew(
                            ref, events.subList(from, Math.min(events.size(), from + APPEND_CHUNK)))
                        .join();
                  }
                  new Compactor(ViewSpecs.of(view, view.name()))
                      .step(store, ref, closedBeforeMs, sealBeforeMs)
                      .apply(store, ref);
                  long after = written.addAndGet(events.size());
                  if (after / PROGRESS_EVERY != (after - events.size()) / PROGRESS_EVERY) {
                    System.out.printf("loaded %,d events%n", after);
                  }
                }));
      }
      for (Future<?> load : loads) {
        load.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return written.get();
  }

  private List<Event> events(int rank, long nowMs) {
    SplittableRandom random = new SplittableRandom(rank);
    int n = eventsOf(rank);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = nowMs - 1 - random.nextLong(WEEK_MS);
    }
    java.util.Arrays.sort(times); // offsets follow event time, as one in-order partition would
    String user = user(rank);
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // Log-normal-ish amounts: many small payments, a few large ones.
      double amount = Math.round(Math.exp(3 + random.nextGaussian()) * 100) / 100.0;
      events.add(
          new Event(
              user,
              times[i],
              user + "-" + i,
              i + 1,
              Map.of("user_id", user, "amount", amount, "ts", times[i])));
    }
    return events;
  }
}
