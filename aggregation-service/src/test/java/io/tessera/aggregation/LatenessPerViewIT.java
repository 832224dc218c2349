package io.tessera.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.aggregation.support.AggregationInstance;
import io.tessera.aggregation.support.AmountViews;
import io.tessera.aggregation.support.FollowerOracle;
import io.tessera.aggregation.support.StreamFixture;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lateness is per view and in event time (invariant 8): a view registered on a topic with six days
 * of retained history replays it, as its own watermark follows the history, and serves exact values
 * from it, while another view on the same normalized partitions streams live with a watermark at
 * the wall clock. Under a shared processing-time clock most of that history was dead-lettered
 * {@code too_late}. And nothing stops a partition (invariant 7): records the owner cannot use are
 * dead-lettered with their reason while the events after them are applied. Values are read as a
 * serving follower reads them: the topic replayed, merged with the sealed store.
 */
@RealStackTest
class LatenessPerViewIT {
  private static final long MINUTE = 60_000;
  private static final long DAY = 24 * 60 * MINUTE;
  private static final int ENTITIES = 5;

  private final String history = UniqueNames.of("history");
  private final String live = UniqueNames.of("live");
  private final AggregationInstance.Names names = AggregationInstance.Names.unique("lv");
  private final SealedSchema schema = new SealedSchema(names.tablePrefix());
  private final Random random = new Random(11);
  private int nextId;

  private static String viewJson(String name) {
    return AmountViews.json(
        name,
        """
        {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d", "7d"]},
        {"name": "events", "function": "count", "windows": ["1d", "lifetime"]},
        {"name": "biggest", "function": "max", "input": "amount", "windows": ["7d"]}""",
        "1d",
        "1h",
        "1m");
  }

  @AfterEach
  void dropTables() {
    schema.drop(LocalStack.get().cqlSession());
  }

  @Test
  void aViewReplayingRetainedHistoryIsNotMadeLateByALiveView() throws Exception {
    try (StreamFixture stream = new StreamFixture(names, 2)) {
      stream.publishView(viewJson(live), 1);
      stream.publishView(viewJson(history), 1);
      stream.keepPublishingWatermark(live, 1, System::currentTimeMillis);
      AggregationInstance service = AggregationInstance.start(names);
      try {
        long now = System.currentTimeMillis();
        stream.produce(events(live, 100, now - 30_000, now));

        // Six days of history, read in event-time order as ingest reads a retained topic: each
        // chunk is followed by the watermark ingest publishes after it (its newest event time).
        List<NormalizedEvent> past = events(history, 1_500, now - 6 * DAY, now - 10 * MINUTE);
        past.sort(Comparator.comparingLong(NormalizedEvent::eventTimeMs));
        for (int from = 0; from < past.size(); from += 150) {
          List<NormalizedEvent> chunk = past.subList(from, Math.min(past.size(), from + 150));
          stream.produce(chunk);
          stream.publishWatermark(history, 1, chunk.get(chunk.size() - 1).eventTimeMs());
        }
        stream.publishWatermark(history, 1, now); // read up: the source is idle

        ViewCatalog catalog = service.bean(ViewCatalog.class);
        ViewSpec spec = catalog.runtime(history).orElseThrow().spec();
        CassandraSealedStore store = sealedStore(catalog);
        List<Long> times =
            List.of(now, now - DAY, now - 3 * DAY - 17 * MINUTE, now - 5 * DAY, now + MINUTE);
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () ->
                    assertThat(
                            FollowerOracle.mismatches(
                                names.normalized(),
                                2,
                                catalog.lineages(),
                                store,
                                spec,
                                now - 7 * DAY,
                                entities(history),
                                past,
                                times))
                        .isEmpty());
        List<DeadLetter> letters = stream.deadLetters();
        assertThat(letters).as("dead letters of on-time history").isEmpty();
      } finally {
        service.close();
      }
    }
  }

  @Test
  void poisonRecordsAreDeadLetteredWhileTheEventsAfterThemAreApplied() throws Exception {
    try (StreamFixture stream = new StreamFixture(names, 1)) {
      stream.publishView(viewJson(live), 1);
      stream.keepPublishingWatermark(live, 1, System::currentTimeMillis);
      AggregationInstance service =
          AggregationInstance.start(names, Map.of("tessera.aggregation.unknown-view-wait", "2s"));
      try {
        long now = System.currentTimeMillis();
        List<NormalizedEvent> before = events(live, 20, now - 30_000, now);
        stream.produce(before);
        stream.produceRaw("x".repeat(100), new byte[] {(byte) 0x7f, 1, 2, 3}); // undecodable
        stream.produce(List.of(event(live, "k".repeat(100_000), now - 1_000))); // 100 KB key
        stream.produce(List.of(event(UniqueNames.of("never_registered"), "u1", now - 1_000)));
        NormalizedEvent small = event(live, "u1", now - 1_000);
        Map<String, Object> hugeValues = new LinkedHashMap<>(small.values());
        hugeValues.put("note", "p".repeat(900_000)); // a 900 KB payload
        stream.produce(
            List.of(
                new NormalizedEvent(
                    live,
                    1,
                    small.entityKey(),
                    small.eventTimeMs(),
                    small.eventId(),
                    small.eventTimeMs(),
                    hugeValues)));
        List<NormalizedEvent> after = events(live, 20, now - 20_000, now);
        stream.produce(after);

        ViewCatalog catalog = service.bean(ViewCatalog.class);
        ViewSpec spec = catalog.runtime(live).orElseThrow().spec();
        CassandraSealedStore store = sealedStore(catalog);
        List<NormalizedEvent> applied = new ArrayList<>(before);
        applied.addAll(after);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () ->
                    assertThat(
                            FollowerOracle.mismatches(
                                names.normalized(),
                                1,
                                catalog.lineages(),
                                store,
                                spec,
                                now - DAY,
                                entities(live),
                                applied,
                                List.of(now + 1_000)))
                        .isEmpty());
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(stream.deadLetters())
                        .extracting(DeadLetter::reason)
                        .containsExactlyInAnyOrder(
                            "malformed_payload", "too_large", "too_large", "unknown_view"));
      } finally {
        service.close();
      }
    }
  }

  private CassandraSealedStore sealedStore(ViewCatalog catalog) {
    return new CassandraSealedStore(
        LocalStack.get().cqlSession(), schema, catalog::finestMs, ViewRetention.FOREVER);
  }

  private List<EntityRef> entities(String view) {
    List<EntityRef> refs = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      refs.add(new EntityRef(view, EntityKeys.encode(List.of("u" + i))));
    }
    return refs;
  }

  private List<NormalizedEvent> events(String view, int count, long fromMs, long toMs) {
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long time = fromMs + (long) (random.nextDouble() * (toMs - fromMs));
      events.add(event(view, "u" + random.nextInt(ENTITIES), time));
    }
    return events;
  }

  private NormalizedEvent event(String view, String user, long time) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("user_id", user);
    values.put("amount", Math.round(random.nextDouble() * 10_000) / 100.0);
    values.put("ts", time);
    return new NormalizedEvent(
        view, 1, EntityKeys.encode(List.of(user)), time, "e" + nextId++, time, values);
  }
}
