package io.tessera.serving.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.ViewValues;
import io.tessera.serving.follow.FollowerViewReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant 5 at the sweep's level: every value a sweep writes is, to the bit, what serving's read
 * of that entity at that row's time answers on its own (no preloaded span, no shared blocks, no
 * cache at all), and the exact aggregations are what brute force over the events gives. Random
 * events of a few entities over four days (up to 400 each, so the 1d and 3d windows' percentiles
 * are t-digests, whose merge order a value would show), the newest minutes still in the follower's
 * memory; spine times at random, on events and on both window edges of events (an event exactly
 * {@code W} before a time is in its window, one a millisecond newer is too, one exactly at the time
 * is not), on tile boundaries, repeated, after the seal point, and for an entity without events.
 */
class SweepEqualsServingProperties {
  private static final long MINUTE_MS = 60_000L;
  private static final long HOUR_MS = 60 * MINUTE_MS;
  private static final long DAY_MS = 24 * HOUR_MS;
  private static final long T0 = 20_000 * DAY_MS;
  private static final long END = T0 + 4 * DAY_MS;
  private static final List<String> ENTITIES = List.of("a", "b", "c", "nobody");

  private static final FeatureView VIEW =
      DefinitionJson.readView(
              """
              {"name": "txn", "entity": ["user_id"], "source": {"type": "kafka", "topic": "txn"},
               "schema": {"user_id": "string", "amount": "double", "ts": "long"},
               "eventTime": {"field": "ts", "format": "epoch_millis"},
               "features": [
                 {"name": "n", "function": "count", "windows": ["1h", "1d", "3d"]},
                 {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d", "3d"]},
                 {"name": "avg", "function": "mean", "input": "amount", "windows": ["1h", "1d", "3d"]},
                 {"name": "top", "function": "max", "input": "amount", "windows": ["1h", "1d", "3d"]},
                 {"name": "latest", "function": "last", "input": "amount", "windows": ["1h", "1d", "3d"]},
                 {"name": "p90", "function": "approx_percentile", "input": "amount",
                  "params": {"p": 0.9}, "windows": ["1h", "1d", "3d"]}],
               "expectedFreshness": "10m"}
              """)
          .orThrow();

  private final ExecutorService cpu =
      Executors.newFixedThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "sweep-cpu");
            thread.setDaemon(true);
            return thread;
          });

  @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
  void everySweptValueIsWhatServingAnswersAtThatTime(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400) int eventsPerEntity,
      @ForAll @IntRange(min = 0, max = 20) int minutesPastEnd)
      throws Exception {
    Random random = new Random(seed);
    List<Event> events = new ArrayList<>();
    for (String entity : ENTITIES.subList(0, 3)) {
      int count = random.nextInt(eventsPerEntity + 1);
      for (int i = 0; i < count; i++) {
        // whole seconds half of the time: several events share a millisecond, a minute edge
        long offsetMs = (long) (random.nextDouble() * (END - T0));
        long timeMs = T0 + (random.nextBoolean() ? offsetMs - offsetMs % 1000 : offsetMs);
        double amount = Math.round(random.nextDouble() * 100_000) / 100.0;
        events.add(new Event(entity, timeMs, entity + i, 0, Map.of("amount", amount)));
      }
    }
    FollowedHistory history = FollowedHistory.of(VIEW, events, END + minutesPastEnd * MINUTE_MS);
    List<String> keys = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      keys.add(ENTITIES.get(random.nextInt(ENTITIES.size())));
      times.add(T0 - HOUR_MS + (long) (random.nextDouble() * (END - T0 + 2 * HOUR_MS)));
    }
    for (int i = 0; i < Math.min(40, events.size()); i++) {
      Event event = events.get(random.nextInt(events.size()));
      for (long sizeMs : List.of(0L, HOUR_MS, DAY_MS, 3 * DAY_MS)) {
        for (long deltaMs : List.of(-1L, 0L, 1L)) {
          keys.add(event.entityKey());
          times.add(event.eventTimeMs() + sizeMs + deltaMs);
        }
      }
    }
    for (int i = 0; i < 12; i++) { // tile boundaries, and repeats of earlier rows
      keys.add(ENTITIES.get(random.nextInt(3)));
      times.add(T0 + random.nextInt(4) * DAY_MS + random.nextInt(24) * HOUR_MS);
      int earlier = random.nextInt(keys.size());
      keys.add(keys.get(earlier));
      times.add(times.get(earlier));
    }
    SpineRows spine =
        new SpineRows(
            List.of("user_id"),
            new String[][] {keys.toArray(String[]::new)},
            times.stream().mapToLong(Long::longValue).toArray());
    List<FeatureColumn> columns = history.columns();
    Object[][] swept = new Object[spine.size()][];
    new TrainingSweep(
            new ServedTimelines(history.reads(SealedWindowCache.NONE)),
            columns,
            Map.of(),
            END,
            cpu,
            3)
        .run(spine, (row, values) -> swept[row] = values, done -> {}, () -> false);

    FollowerViewReads serving = history.reads(SealedWindowCache.NONE);
    for (int row = 0; row < spine.size(); row++) {
      String entity = keys.get(row);
      long tMs = times.get(row);
      ViewValues served =
          serving.read(history.view(), new EntityRef("s1", entity), tMs).join().values();
      for (int c = 0; c < columns.size(); c++) {
        FeatureColumn column = columns.get(c);
        Object expected = served.get(column.feature(), column.window());
        assertThat(swept[row][c])
            .as("%s at %d: %s", entity, tMs, column.name())
            .matches(value -> Objects.equals(value, expected), "equals " + expected);
      }
      assertExact(history.events(), entity, tMs, columns, swept[row]);
    }
  }

  /** Count and max against brute force over the applied events: the window edges, exactly. */
  private static void assertExact(
      List<Event> events, String entity, long tMs, List<FeatureColumn> columns, Object[] values) {
    for (int c = 0; c < columns.size(); c++) {
      FeatureColumn column = columns.get(c);
      WindowSpec window = column.window();
      List<Double> amounts =
          events.stream()
              .filter(e -> e.entityKey().equals(entity))
              .filter(e -> e.eventTimeMs() >= tMs - window.sizeMs() && e.eventTimeMs() < tMs)
              .map(e -> ((Number) e.value("amount")).doubleValue())
              .toList();
      if (column.feature().equals("n")) {
        assertThat(((Number) values[c]).longValue()).as(column.name()).isEqualTo(amounts.size());
      } else if (column.feature().equals("top") && !amounts.isEmpty()) {
        assertThat(values[c])
            .as(column.name())
            .isEqualTo(amounts.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      }
    }
  }
}
