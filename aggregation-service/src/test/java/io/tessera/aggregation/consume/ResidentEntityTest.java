package io.tessera.aggregation.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.StreamSimulator;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Compaction against the in-memory copy of an entity, with the service's write protocol (log rows
 * only, then tiles; metadata only when readers plan differently), reloaded from the store at random
 * moments (a restart or a rebalance, which loses the pending events held in memory) leaves the
 * store that compaction against the store itself leaves, and answers every query like the
 * brute-force oracle; so does a crash between any two writes of a step.
 */
class ResidentEntityTest {
  private static final EntityRef ENTITY = StreamSimulator.ENTITY;

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void compactingInMemoryWritesTheSameStoreAsCompactingAgainstIt(
      @ForAll("streams") Scenario scenario, @ForAll long reloadSeed) {
    StreamSimulator direct = new StreamSimulator(scenario, new InMemoryTileStore());
    WriteThrough resident =
        new WriteThrough(new InMemoryTileStore(), scenario.resolutions().resolutionsMs());
    StreamSimulator viaMemory = new StreamSimulator(scenario, resident);
    Random reloads = new Random(reloadSeed);
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      direct.arrive(i);
      viaMemory.arrive(i);
      if (reloads.nextInt(8) == 0) {
        resident.reload();
      }
    }
    direct.compact();
    viaMemory.compact();

    for (Scenario.Query query : scenario.queries()) {
      assertThat(viaMemory.query(query.tMs()).mismatches()).isEmpty();
    }
    TileStore expected = direct.store();
    TileStore actual = resident.store;
    assertThat(actual.readHead(ENTITY).pending()).isEqualTo(expected.readHead(ENTITY).pending());
    assertThat(
            EntityState.plansDiffer(
                actual.readHead(ENTITY).meta(), expected.readHead(ENTITY).meta()))
        .isFalse();
    for (long resolutionMs : scenario.resolutions().resolutionsMs()) {
      assertThat(actual.readTiles(ENTITY, resolutionMs, Long.MIN_VALUE, Long.MAX_VALUE))
          .isEqualTo(expected.readTiles(ENTITY, resolutionMs, Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void aCrashBetweenAnyTwoWritesChangesNoValue(
      @ForAll("streams") Scenario scenario, @ForAll long crashSeed) {
    WriteThrough resident =
        new WriteThrough(new InMemoryTileStore(), scenario.resolutions().resolutionsMs());
    Random crashes = new Random(crashSeed);
    resident.crashBeforeWrite = () -> crashes.nextInt(6) == 0;
    StreamSimulator simulator = new StreamSimulator(scenario, resident);
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      try {
        simulator.arrive(i);
      } catch (Crash crash) {
        resident.reload(); // the next owner loads what the store holds
      }
    }
    resident.crashBeforeWrite = () -> false;
    simulator.compact();

    for (Scenario.Query query : scenario.queries()) {
      assertThat(simulator.query(query.tMs()).mismatches()).isEmpty();
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void keepsOnlyUnsealedTilesInMemory(@ForAll("streams") Scenario scenario) {
    WriteThrough resident =
        new WriteThrough(new InMemoryTileStore(), scenario.resolutions().resolutionsMs());
    StreamSimulator simulator = new StreamSimulator(scenario, resident);
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      simulator.arrive(i);
    }
    simulator.compact();
    EntityMeta meta = resident.memory.meta();
    int unsealed = 0;
    for (long resolutionMs : scenario.resolutions().resolutionsMs()) {
      long fromMs = ResidentEntity.residentFromMs(meta, List.of(resolutionMs)).get(resolutionMs);
      unsealed += resident.store.readTiles(ENTITY, resolutionMs, fromMs, Long.MAX_VALUE).size();
    }
    assertThat(resident.memory.residentTiles()).isEqualTo(unsealed);
  }

  /** A process dying between two writes. */
  private static final class Crash extends RuntimeException {
    Crash() {
      super("crash", null, false, false);
    }
  }

  /**
   * What the aggregation-service does with its store: appends write the log row only (the event
   * stays pending in memory), compaction reads the resident copy (reads that miss are supplied from
   * the store, then read again), and its writes go to both, the metadata to the store only when
   * readers plan differently with it. {@link #reload} drops the copy and loads it from the store as
   * the service does (reconciling the log with the tiles).
   */
  private static final class WriteThrough implements TileStore {
    final TileStore store;
    final List<Long> resolutionsMs;
    ResidentEntity memory;
    EntityMeta storedMeta = EntityMeta.EMPTY;
    BooleanSupplier crashBeforeWrite = () -> false;

    WriteThrough(TileStore store, List<Long> resolutionsMs) {
      this.store = store;
      this.resolutionsMs = resolutionsMs;
      reload();
    }

    void reload() {
      EntityHead head = store.readHead(ENTITY);
      storedMeta = head.meta();
      List<TileRow> tiles = new ArrayList<>();
      ResidentEntity.residentFromMs(head.meta(), resolutionsMs)
          .forEach(
              (resolutionMs, fromMs) ->
                  tiles.addAll(store.readTiles(ENTITY, resolutionMs, fromMs, Long.MAX_VALUE)));
      long sealedMs = head.meta().sealedBeforeMs();
      long loggedFromMs = sealedMs == EntityMeta.NO_TIME ? Long.MIN_VALUE : sealedMs;
      List<Event> logged = store.readEvents(ENTITY, loggedFromMs, Long.MAX_VALUE);
      memory =
          new ResidentEntity(
              ENTITY,
              LogReconciliation.reconcile(head, logged, tiles, resolutionsMs),
              tiles,
              resolutionsMs,
              store,
              loggedFromMs,
              logged);
    }

    /** The log row only: the store's append writes a pending row too, which is deleted at once. */
    @Override
    public boolean append(EntityRef entity, Event event) {
      boolean added = memory.append(entity, event);
      store.deletePending(entity, event.offset());
      return added;
    }

    @Override
    public EntityHead readHead(EntityRef entity) {
      return memory.readHead(entity);
    }

    @Override
    public List<TileRow> readTiles(EntityRef entity, long resolutionMs, long fromMs, long toMs) {
      try {
        return memory.readTiles(entity, resolutionMs, fromMs, toMs);
      } catch (MissingRead missing) {
        supply(missing.range());
        return memory.readTiles(entity, resolutionMs, fromMs, toMs);
      }
    }

    @Override
    public List<Event> readEvents(EntityRef entity, long fromMs, long toMs) {
      try {
        return memory.readEvents(entity, fromMs, toMs);
      } catch (MissingRead missing) {
        supply(missing.range());
        return memory.readEvents(entity, fromMs, toMs);
      }
    }

    /** What the service does asynchronously before it runs the step again. */
    private void supply(MissingRead.Range range) {
      memory.supply(
          range,
          range.kind() == MissingRead.Kind.TILES
              ? store.readTiles(ENTITY, range.resolutionMs(), range.fromMs(), range.toMs())
              : store.readEvents(ENTITY, range.fromMs(), range.toMs()));
    }

    @Override
    public void writeTiles(EntityRef entity, List<TileRow> tiles) {
      if (crashBeforeWrite.getAsBoolean()) {
        throw new Crash();
      }
      store.writeTiles(entity, tiles);
      memory.writeTiles(entity, tiles);
    }

    @Override
    public void writeMeta(EntityRef entity, EntityMeta meta) {
      if (EntityState.plansDiffer(storedMeta, meta)) {
        if (crashBeforeWrite.getAsBoolean()) {
          throw new Crash();
        }
        store.writeMeta(entity, meta);
        storedMeta = meta;
      }
      memory.writeMeta(entity, meta);
    }

    @Override
    public void deletePending(EntityRef entity, long throughOffset) {
      store.deletePending(entity, throughOffset);
      memory.deletePending(entity, throughOffset);
    }
  }
}
