package io.tessera.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.aggregation.support.AggregationInstance;
import io.tessera.aggregation.support.AmountViews;
import io.tessera.aggregation.support.FollowerReplica;
import io.tessera.aggregation.support.StreamFixture;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.Rollup;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.partition.DurableProgress;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The owner on the real stack, checked as a follower would read it: a follower replaying the
 * normalized partitions from their beginning, reading sealed spans from Cassandra up to its durable
 * seal point (learned from the owner's markers) and folding its memory after it, counts every
 * accepted event once (the brute-force oracle); the owner's sealed rows are byte for byte the
 * follower's; every partition has a checkpoint; too-late events are dead-lettered once, also across
 * a restart of the owner mid-stream, which takes over from the checkpoints. The restarted owner has
 * a memory budget of one byte, so every raw event it holds goes to a spill file (invariant 9): the
 * values and rows must not change.
 */
@RealStackTest
class OwnerIT {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final int PARTITIONS = 2;
  private static final int ENTITIES = 6;

  private final String view = UniqueNames.of("owned");
  private final AggregationInstance.Names names = AggregationInstance.Names.unique("ow");
  private final SealedSchema schema = new SealedSchema(names.tablePrefix());
  private final Random random = new Random(7);
  private final List<NormalizedEvent> accepted = new ArrayList<>();
  private int tooLate;
  private int nextId;

  private String viewJson() {
    return AmountViews.json(
        view,
        """
        {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d"]},
        {"name": "events", "function": "count", "windows": ["10m", "lifetime"]},
        {"name": "biggest", "function": "max", "input": "amount", "windows": ["1h"]}""",
        "1d",
        "1h",
        "1m");
  }

  @AfterEach
  void dropTables() {
    schema.drop(LocalStack.get().cqlSession());
  }

  @Test
  void aFollowerReadsExactValuesAcrossTheSealPointAndTheOwnerTakesOverFromItsCheckpoints()
      throws Exception {
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        ViewCatalog catalog =
            new ViewCatalog(LocalStack.get().kafkaProperties(), names.registry())) {
      stream.publishView(viewJson(), 1);
      catalog.start().awaitCaughtUp(Duration.ofSeconds(30));
      long now = System.currentTimeMillis();
      long startMs = now - 3 * HOUR;

      AggregationInstance owner = AggregationInstance.start(names); // creates the tables
      CassandraSealedStore store =
          new CassandraSealedStore(
              LocalStack.get().cqlSession(), schema, catalog::finestMs, ViewRetention.FOREVER);
      try {
        // Three hours of history, in 10-minute chunks, each shuffled and followed by its watermark.
        produceHistory(stream, startMs, now - 10 * MINUTE);
        stream.produce(live(40, now - 50_000, now)); // still open at the end: in memory
        stream.publishWatermark(view, 1, now);
        awaitCaughtUp(store);
      } catch (Throwable e) {
        owner.close();
        throw e;
      }
      check(stream, store, catalog.lineages(), now, startMs, 1);

      // Mid-stream: events in flight at the close, more while the owner is down, then a new one.
      long later = now + 90_000;
      List<NormalizedEvent> more = live(30, now + 1_000, later - 30_000);
      stream.produce(more.subList(0, 15));
      owner.close();
      stream.produce(more.subList(15, 30));
      stream.produce(tooLate(now - 2 * HOUR, 3)); // sealed long ago: dead letters
      owner =
          AggregationInstance.start(names, Map.of("tessera.aggregation.open-state-max-bytes", 1));
      try {
        stream.produce(live(20, later - 60_000, later));
        stream.publishWatermark(view, 1, later);
        awaitCaughtUp(store);
        check(stream, store, catalog.lineages(), later, startMs, 2);
      } finally {
        owner.close();
      }
    }
  }

  private void produceHistory(StreamFixture stream, long fromMs, long toMs) {
    for (long chunkMs = fromMs; chunkMs < toMs; chunkMs += 10 * MINUTE) {
      List<NormalizedEvent> chunk = live(30, chunkMs, Math.min(toMs, chunkMs + 10 * MINUTE));
      List<NormalizedEvent> sent = new ArrayList<>(chunk);
      sent.addAll(chunk.subList(0, 3)); // redelivered: the same ids again
      Collections.shuffle(sent, random); // out of order within the chunk
      stream.produce(sent);
      long watermarkMs = chunk.stream().mapToLong(NormalizedEvent::eventTimeMs).max().orElseThrow();
      stream.publishWatermark(view, 1, watermarkMs);
      // Late but within the allowed lateness: applied. Older than it: too late.
      stream.produce(live(2, watermarkMs - 20_000, watermarkMs - 10_000));
      if (chunkMs - fromMs >= 20 * MINUTE) {
        stream.produce(tooLate(watermarkMs - 15 * MINUTE, 1));
      }
    }
  }

  /** Events that count: remembered as accepted. */
  private List<NormalizedEvent> live(int count, long fromMs, long toMs) {
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(fromMs + (long) (random.nextDouble() * (toMs - fromMs))));
    }
    accepted.addAll(events);
    return events;
  }

  private List<NormalizedEvent> tooLate(long timeMs, int count) {
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(timeMs + i));
    }
    tooLate += count;
    return events;
  }

  private NormalizedEvent event(long timeMs) {
    String user = "u" + random.nextInt(ENTITIES);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("user_id", user);
    values.put("amount", Math.round(random.nextDouble() * 10_000) / 100.0);
    values.put("ts", timeMs);
    return new NormalizedEvent(
        view, 1, EntityKeys.encode(List.of(user)), timeMs, "e" + nextId++, timeMs, values);
  }

  /** Waits until every partition's checkpoint is past everything produced so far. */
  private void awaitCaughtUp(CassandraSealedStore store) {
    Map<TopicPartition, Long> end = endOffsets();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                Optional<PartitionCheckpoint> checkpoint =
                    store
                        .readCheckpoint(names.normalized(), e.getKey().partition())
                        .toCompletableFuture()
                        .join();
                assertThat(checkpoint).as("checkpoint of %s", e.getKey()).isPresent();
                assertThat(checkpoint.get().positionOffset()).isGreaterThanOrEqualTo(e.getValue());
              }
            });
  }

  private Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            LocalStack.get().kafkaProperties(),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(names.normalized(), p));
      }
      return consumer.endOffsets(partitions);
    }
  }

  private void check(
      StreamFixture stream,
      CassandraSealedStore store,
      Lineages lineages,
      long nowMs,
      long startMs,
      int round)
      throws Exception {
    FollowerReplica follower = FollowerReplica.read(names.normalized(), PARTITIONS, lineages);
    ViewAggregator aggregator = lineages.of(view, 1).orElseThrow().aggregator();

    assertThat(follower.applied.stream().map(Event::eventId).collect(Collectors.toSet()))
        .as("the events the follower applied")
        .isEqualTo(accepted.stream().map(NormalizedEvent::eventId).collect(Collectors.toSet()));
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(follower.markersByPartition.getOrDefault(p, 0))
          .as("markers on %s", p)
          .isPositive();
    }

    // The store holds exactly the follower's sealed rows, byte for byte.
    Map<String, List<SealedMinute>> sealedByEntity =
        follower.sealed.stream()
            .sorted(Comparator.comparingLong(m -> m.tile().key().startMs()))
            .collect(Collectors.groupingBy(m -> m.entity().entityKey()));
    assertThat(sealedByEntity).isNotEmpty();
    for (Map.Entry<String, List<SealedMinute>> e : sealedByEntity.entrySet()) {
      EntityRef entity = new EntityRef(view, e.getKey());
      List<TileRow> tiles =
          store.readTiles(entity, MINUTE, startMs - HOUR, nowMs).toCompletableFuture().join();
      assertThat(tiles)
          .as("sealed rows of %s", e.getKey())
          .isEqualTo(e.getValue().stream().map(SealedMinute::tile).toList());
      List<Event> events =
          store.readEvents(entity, startMs - HOUR, nowMs).toCompletableFuture().join();
      assertThat(events)
          .isEqualTo(e.getValue().stream().flatMap(m -> m.events().stream()).toList());
    }

    // Closed hours: the store's hour tiles are the roll-ups of the follower's minutes.
    Rollup rollup = new Rollup(aggregator);
    int hoursChecked = 0;
    for (Map.Entry<String, List<SealedMinute>> e : sealedByEntity.entrySet()) {
      PartitionState state =
          follower.states.get(follower.partitionOfEntity.get(new EntityRef(view, e.getKey())));
      long builtThroughMs =
          state.durable(view).builtThroughMsByResolution().getOrDefault(HOUR, Long.MIN_VALUE);
      Map<TileKey, List<TileRow>> minutesByHour =
          new TreeMap<>(Comparator.comparingLong(TileKey::startMs));
      for (SealedMinute minute : e.getValue()) {
        TileKey hour = TileKey.containing(HOUR, minute.tile().key().startMs());
        if (hour.startMs() + HOUR <= builtThroughMs) {
          minutesByHour.computeIfAbsent(hour, k -> new ArrayList<>()).add(minute.tile());
        }
      }
      List<TileRow> expected = new ArrayList<>();
      minutesByHour.forEach(
          (hour, tiles) -> expected.add(rollup.rollUp(hour, tiles).orElseThrow()));
      List<TileRow> hours =
          store
              .readTiles(new EntityRef(view, e.getKey()), HOUR, startMs - HOUR, builtThroughMs)
              .toCompletableFuture()
              .join();
      assertThat(hours).as("hour tiles of %s", e.getKey()).isEqualTo(expected);
      hoursChecked += expected.size();
    }
    assertThat(hoursChecked).as("closed hours checked").isPositive();

    // A follower's reads: the store up to its durable seal point, its memory after it.
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<EntityRef, Integer> placed : follower.partitionOfEntity.entrySet()) {
      String entity = placed.getKey().entityKey();
      PartitionState state = follower.states.get(placed.getValue());
      long durableMs = state.durable(view).sealedBeforeMs();
      Set<Long> times =
          new TreeSet<>(
              List.of(
                  nowMs + 1,
                  nowMs - 30_000,
                  nowMs - HOUR - 17_000,
                  nowMs - 2 * HOUR + 123,
                  durableMs - 1,
                  durableMs,
                  durableMs + 1));
      List<Event> applied =
          Oracle.deduplicate(
              follower.applied.stream().filter(ev -> ev.entityKey().equals(entity)).toList());
      for (long tMs : times) {
        for (int f = 0; f < aggregator.view().features().size(); f++) {
          FeatureSpec feature = aggregator.view().features().get(f);
          for (WindowSpec window : feature.windows()) {
            long fromMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
            Ir[] states = aggregator.init();
            Ir[] memory = aggregator.init();
            DurableProgress durable = state.fold(view, entity, fromMs, tMs, memory);
            long storeToMs = Math.min(tMs, durable.sealedBeforeMs());
            // no event is older than the history: a lifetime read starts there
            long storeFromMs = Math.max(fromMs, startMs - HOUR);
            if (storeFromMs < storeToMs) {
              for (Event event :
                  store
                      .readEvents(new EntityRef(view, entity), storeFromMs, storeToMs)
                      .toCompletableFuture()
                      .join()) {
                aggregator.add(states, event);
              }
            }
            aggregator.merge(states, memory);
            String problem =
                ValueMatcher.mismatch(
                    feature,
                    Oracle.expected(feature, Oracle.inWindow(applied, fromMs, tMs)),
                    aggregator.finish(f, states[f]));
            if (problem != null) {
              mismatches.add(
                  entity + " " + feature.name() + " " + window + " at " + tMs + ": " + problem);
            }
          }
        }
      }
    }
    assertThat(mismatches).as("round %s", round).isEmpty();

    List<DeadLetter> letters = stream.deadLetters();
    assertThat(letters).extracting(DeadLetter::reason).containsOnly("too_late");
    assertThat(letters).as("too-late events, each once").hasSize(tooLate);
    assertThat(letters.stream().map(DeadLetter::source).distinct()).hasSize(tooLate);
    assertThat(letters.get(0).source().name()).isEqualTo(names.normalized());
  }
}
