package io.tessera.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.aggregation.support.AggregationInstance;
import io.tessera.aggregation.support.AmountViews;
import io.tessera.aggregation.support.StoreOracle;
import io.tessera.aggregation.support.StreamFixture;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.StorageSchema;
import io.tessera.storage.ViewRetention;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service on the real stack: normalized events (shuffled, duplicated, late within and beyond
 * the allowed lateness) become values, read through the engine's read plan from Cassandra, that
 * equal a brute-force oracle over the accepted events at many query times, also across a restart in
 * mid-stream and while compaction keeps running; too-late events are in the dead-letter topic.
 */
@RealStackTest
class AggregationStreamIT {
  private static final long SECOND = 1_000;
  private static final int ENTITIES = 4;

  private final String view = UniqueNames.of("agg_view");
  private final AggregationInstance.Names names = AggregationInstance.Names.unique("ag");
  private final Random random = new Random(7);
  private final List<NormalizedEvent> accepted = new ArrayList<>();
  private final Map<String, NormalizedEvent> produced = new LinkedHashMap<>();
  private final StorageSchema schema = new StorageSchema(names.tablePrefix());
  private int nextId;

  private String viewJson() {
    return AmountViews.json(
        view,
        """
        {"name": "spend", "function": "sum", "input": "amount", "windows": ["2m", "1h"]},
        {"name": "events", "function": "count", "windows": ["2m", "lifetime"]},
        {"name": "biggest", "function": "max", "input": "amount", "windows": ["1h"]},
        {"name": "average", "function": "mean", "input": "amount", "windows": ["2m"]},
        {"name": "latest", "function": "last", "input": "amount", "windows": ["1h"]}""",
        "1h",
        "1m");
  }

  @AfterEach
  void dropTables() {
    schema.drop(LocalStack.get().cqlSession());
  }

  @Test
  void valuesEqualTheOracleThroughDuplicatesLatenessAndARestart() throws Exception {
    try (StreamFixture stream = new StreamFixture(names, 2)) {
      stream.publishView(viewJson(), 1);
      stream.keepPublishingWatermark(view, 1, System::currentTimeMillis); // an idle, read source
      AggregationInstance service = AggregationInstance.startVersion1(names, Map.of());
      ViewSpec spec = service.bean(ViewCatalog.class).runtime(view).orElseThrow().spec();
      CassandraTileStore store =
          new CassandraTileStore(LocalStack.get().cqlSession(), schema, ViewRetention.FOREVER);

      // 1. On time, out of order, a tenth sent twice (a producer retry: another offset).
      long now = System.currentTimeMillis();
      List<NormalizedEvent> onTime = events(150, now - 40 * SECOND, now);
      accepted.addAll(onTime);
      stream.produce(withDuplicates(onTime, 15));
      awaitExact(store, spec, queryTimes(now));

      // Every entity has been compacted, so its tiles before about now - 1m are sealed.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  entities().stream()
                      .allMatch(
                          e -> store.readHead(e).meta().sealedBeforeMs() > now - 5 * 60 * SECOND));

      // 2. Late within the lateness (accepted), beyond it (dead-lettered), redelivered old ones.
      long later = System.currentTimeMillis();
      List<NormalizedEvent> lateWithin = events(40, later - 50 * SECOND, later - 40 * SECOND);
      List<NormalizedEvent> tooLate = events(10, later - 10 * 60 * SECOND, later - 9 * 60 * SECOND);
      accepted.addAll(lateWithin);
      List<NormalizedEvent> phase2 = new ArrayList<>(lateWithin);
      phase2.addAll(tooLate);
      phase2.addAll(onTime.subList(0, 20));
      Collections.shuffle(phase2, random);
      stream.produce(phase2);
      awaitExact(store, spec, queryTimes(later));
      Set<String> tooLateIds = ids(tooLate);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<DeadLetter> letters = stream.deadLetters();
                assertThat(letters).allSatisfy(l -> assertThat(l.reason()).isEqualTo("too_late"));
                assertThat(
                        letters.stream()
                            .map(l -> NormalizedEventCodec.decode(l.original()).eventId())
                            .collect(Collectors.toSet()))
                    .isEqualTo(tooLateIds);
                assertThat(letters).hasSize(tooLateIds.size());
              });

      // 3. A restart in mid-stream: a batch in flight when the service stops, more (and the
      // in-flight batch again) while it is down; past values stay exact while it streams on.
      long restartAt = System.currentTimeMillis();
      List<Long> pastTimes = queryTimes(restartAt - 2 * SECOND);
      List<NormalizedEvent> inFlight = events(100, restartAt - 20 * SECOND, restartAt + SECOND);
      accepted.addAll(inFlight);
      stream.produce(inFlight);
      service.close();
      List<NormalizedEvent> whileDown = events(50, restartAt, restartAt + 2 * SECOND);
      accepted.addAll(whileDown);
      stream.produce(withDuplicates(whileDown, 0));
      stream.produce(inFlight);
      service = AggregationInstance.startVersion1(names, Map.of());
      for (int chunk = 0; chunk < 5; chunk++) {
        long t = System.currentTimeMillis();
        List<NormalizedEvent> live = events(30, t - 5 * SECOND, t);
        accepted.addAll(live);
        stream.produce(withDuplicates(live, 3));
        assertExact(store, spec, List.of(restartAt - 30 * SECOND, restartAt - 61 * SECOND));
        Thread.sleep(300);
      }
      awaitExact(store, spec, queryTimes(System.currentTimeMillis()));
      awaitExact(store, spec, pastTimes);
      service.close();
    }
  }

  private List<NormalizedEvent> events(int count, long fromMs, long toMs) {
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = "u" + random.nextInt(ENTITIES);
      long time = fromMs + (long) (random.nextDouble() * (toMs - fromMs));
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("user_id", user);
      values.put("amount", Math.round(random.nextDouble() * 10_000) / 100.0);
      values.put("ts", time);
      NormalizedEvent event =
          new NormalizedEvent(
              view,
              1,
              EntityKeys.encode(List.of(user)),
              time,
              "e" + nextId++,
              System.currentTimeMillis(),
              values);
      produced.put(event.eventId(), event);
      events.add(event);
    }
    Collections.shuffle(events, random);
    return events;
  }

  private List<NormalizedEvent> withDuplicates(List<NormalizedEvent> events, int duplicates) {
    List<NormalizedEvent> all = new ArrayList<>(events);
    for (int i = 0; i < duplicates; i++) {
      all.add(random.nextInt(all.size()), events.get(random.nextInt(events.size())));
    }
    return all;
  }

  private List<EntityRef> entities() {
    List<EntityRef> refs = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      refs.add(new EntityRef(view, EntityKeys.encode(List.of("u" + i))));
    }
    return refs;
  }

  /** Now, a minute boundary and just before it, inside the lateness, and on event times. */
  private List<Long> queryTimes(long nowMs) {
    long minute = Math.floorDiv(nowMs, 60 * SECOND) * 60 * SECOND;
    List<Long> times =
        new ArrayList<>(
            List.of(nowMs + 5 * SECOND, nowMs, minute, minute - 1, nowMs - 45 * SECOND));
    List<NormalizedEvent> sample = new ArrayList<>(accepted);
    for (int i = 0; i < 4 && !sample.isEmpty(); i++) {
      NormalizedEvent event = sample.get(random.nextInt(sample.size()));
      times.add(event.eventTimeMs()); // the event itself is just outside [t - w, t)
      times.add(event.eventTimeMs() + 2 * 60 * SECOND); // exactly at the 2m window's start
    }
    return times;
  }

  private void awaitExact(CassandraTileStore store, ViewSpec spec, List<Long> times) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> assertExact(store, spec, times));
  }

  private void assertExact(CassandraTileStore store, ViewSpec spec, List<Long> times) {
    assertThat(StoreOracle.mismatches(store, spec, entities(), accepted, times)).isEmpty();
  }

  private static Set<String> ids(List<NormalizedEvent> events) {
    return events.stream().map(NormalizedEvent::eventId).collect(Collectors.toSet());
  }
}
