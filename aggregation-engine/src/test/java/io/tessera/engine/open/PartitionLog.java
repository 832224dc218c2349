package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated partition: the records in offset order (offset = index) and probe times, each after a
 * number of records. Built from a {@link Scenario}: its arrivals become events of three entities
 * (an event id always maps to the same entity, so a redelivery is a duplicate), its clock becomes
 * the view's watermark, published every few arrivals, and a last watermark seals everything.
 *
 * @param records the records, {@code records.get(i).offset() == i}
 * @param probes probe times and when they are asked
 * @param latenessMs the view's allowed lateness
 */
record PartitionLog(List<LogRecord> records, List<Probe> probes, long latenessMs) {

  /** Far beyond every generated event time plus the longest lateness and a day. */
  static final long FINAL_WATERMARK_MS = ScenarioArbitraries.T0_MS + 60 * TestView.DAY_MS;

  static final List<String> ENTITIES = List.of("user-a", "user-b", "user-c");

  /**
   * A read at {@code tMs} once {@code afterRecords} records are applied.
   *
   * @param afterRecords how many records precede it
   * @param tMs the request time
   */
  record Probe(int afterRecords, long tMs) {}

  static PartitionLog of(Scenario scenario) {
    List<LogRecord> records = new ArrayList<>();
    Map<Integer, Integer> recordsBeforeArrival = new HashMap<>();
    long watermarkMs = Long.MIN_VALUE;
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      Scenario.Arrival arrival = scenario.arrivals().get(i);
      if (i % scenario.compactEvery() == 0 && arrival.clockMs() > watermarkMs) {
        watermarkMs = arrival.clockMs();
        records.add(new LogRecord.WatermarkRecord(records.size(), watermarkMs));
      }
      recordsBeforeArrival.put(i, records.size());
      records.add(new LogRecord.EventRecord(event(arrival, records.size())));
    }
    recordsBeforeArrival.put(scenario.arrivals().size(), records.size());
    List<Probe> probes = new ArrayList<>();
    for (Scenario.Query query : scenario.queries()) {
      probes.add(new Probe(recordsBeforeArrival.get(query.afterArrivals()), query.tMs()));
    }
    records.add(new LogRecord.WatermarkRecord(records.size(), FINAL_WATERMARK_MS));
    for (Scenario.Query query : scenario.queries()) {
      probes.add(new Probe(records.size(), query.tMs()));
    }
    return new PartitionLog(records, probes, scenario.latenessMs());
  }

  static Event event(Scenario.Arrival arrival, long offset) {
    Map<String, Object> values = new HashMap<>();
    values.put(TestView.LONG_COLUMN, arrival.amount());
    values.put(TestView.DOUBLE_COLUMN, arrival.price());
    values.put(TestView.STRING_COLUMN, arrival.category());
    String entity = ENTITIES.get(Math.floorMod(arrival.eventId().hashCode(), ENTITIES.size()));
    return new Event(entity, arrival.eventTimeMs(), arrival.eventId(), offset, values);
  }
}
