package io.tessera.streamcore.partition;

import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tiling;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A normalized partition that grows as the test runs: the records ingest wrote (a scenario's events
 * of three entities, a watermark every few arrivals, a last one that seals everything; before each
 * watermark, events exactly at the seal point it moves to and one millisecond before, so reads
 * probed at a seal point meet events on both sides of it), and the seal markers the owner appends
 * once its writes are acknowledged, which land after every record a replica has read so far.
 * Offsets are list positions.
 */
final class ReplicaLog {
  static final String VIEW = "test_view";
  static final List<String> ENTITIES =
      List.of(
          EntityKeys.encode(List.of("user-a")),
          EntityKeys.encode(List.of("user-b")),
          EntityKeys.encode(List.of("user-c")));
  static final long FINAL_WATERMARK_MS = ScenarioArbitraries.T0_MS + 60 * TestView.DAY_MS;

  private final List<byte[]> records = new ArrayList<>();

  static ReplicaLog of(Scenario scenario) {
    ReplicaLog log = new ReplicaLog();
    long finestMs = new Tiling(scenario.resolutions()).finestMs();
    long watermarkMs = Long.MIN_VALUE;
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      Scenario.Arrival arrival = scenario.arrivals().get(i);
      if (i % scenario.compactEvery() == 0 && arrival.clockMs() > watermarkMs) {
        watermarkMs = arrival.clockMs();
        long sealPointMs = Tiling.floor(watermarkMs - scenario.latenessMs(), finestMs);
        log.records.add(NormalizedRecordCodec.encode(atSealPoint(sealPointMs, i)));
        log.records.add(NormalizedRecordCodec.encode(atSealPoint(sealPointMs - 1, i)));
        log.records.add(watermark(watermarkMs));
      }
      log.records.add(NormalizedRecordCodec.encode(event(arrival)));
    }
    log.records.add(watermark(FINAL_WATERMARK_MS));
    return log;
  }

  static NormalizedEvent event(Scenario.Arrival arrival) {
    Map<String, Object> values = new HashMap<>();
    values.put(TestView.LONG_COLUMN, arrival.amount());
    values.put(TestView.DOUBLE_COLUMN, arrival.price());
    values.put(TestView.STRING_COLUMN, arrival.category());
    String entity = ENTITIES.get(Math.floorMod(arrival.eventId().hashCode(), ENTITIES.size()));
    return new NormalizedEvent(
        VIEW, 1, entity, arrival.eventTimeMs(), arrival.eventId(), arrival.clockMs(), values);
  }

  /**
   * An event at {@code eventTimeMs}, published with the watermark record after arrival {@code i}.
   */
  private static NormalizedEvent atSealPoint(long eventTimeMs, int i) {
    Map<String, Object> values = new HashMap<>();
    values.put(TestView.LONG_COLUMN, (long) i);
    values.put(TestView.DOUBLE_COLUMN, i / 4.0);
    values.put(TestView.STRING_COLUMN, "s" + i % 3);
    String id = "at-" + eventTimeMs + "-" + i;
    return new NormalizedEvent(
        VIEW, 1, ENTITIES.get(i % ENTITIES.size()), eventTimeMs, id, eventTimeMs, values);
  }

  private static byte[] watermark(long watermarkMs) {
    return NormalizedRecordCodec.encode(new Watermark(VIEW, 1, "ingest-1", watermarkMs, 0));
  }

  int size() {
    return records.size();
  }

  byte[] at(long offset) {
    return records.get((int) offset);
  }

  /** Appends the owner's marker after every record read so far (offset {@code >= readTo}). */
  void insertMarker(long readTo, long sealedBeforeMs, Map<Long, Long> builtThroughMs) {
    byte[] marker =
        NormalizedRecordCodec.encode(
            new SealMarker(VIEW, 1, "owner", sealedBeforeMs, builtThroughMs));
    records.add((int) Math.min(readTo, records.size()), marker);
  }
}
