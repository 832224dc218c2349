package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link EventRecords} reads back the events it wrote, whichever columns they carry: the lineage's
 * own (written as indexes), others (written by name, non-ASCII ones too), none, or nulls; alone or
 * back to back, and without their offsets when asked as a sealed row holds them.
 */
class EventRecordsProperties {
  private static final ViewAggregator AGGREGATOR =
      new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));

  @Provide
  Arbitrary<List<Event>> events() {
    List<String> columns = new ArrayList<>(List.of(AGGREGATOR.columns()));
    columns.add("other");
    columns.add("größe");
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.doubles().map(Object.class::cast),
            Arbitraries.strings().ofMaxLength(8).map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast),
            Arbitraries.just(null));
    Arbitrary<Map<String, Object>> maps =
        Arbitraries.maps(Arbitraries.of(columns).map(String::new), values)
            .ofMaxSize(columns.size())
            .map(LinkedHashMap::new);
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.longs().between(-1, Long.MAX_VALUE),
            maps)
        .as((timeMs, id, offset, map) -> new Event("entity", timeMs, id, offset, map))
        .list()
        .ofMaxSize(10);
  }

  @Property(tries = 300)
  void readsBackWhatItWrote(@ForAll("events") List<Event> events) {
    EventRecords records = EventRecords.of(AGGREGATOR);
    EventRecords.Encoded encoded = records.encode(events);

    assertThat(records.decode("entity", encoded.bytes())).isEqualTo(events);
    for (int i = 0; i < events.size(); i++) {
      int end = i + 1 < events.size() ? encoded.starts()[i + 1] : encoded.bytes().length;
      assertThat(records.decodeOne("entity", encoded.bytes(), encoded.starts()[i], end))
          .isEqualTo(events.get(i));
    }
    List<Event> sealed = new ArrayList<>();
    records.decode("entity", encoded.bytes(), 0, encoded.bytes().length, true, sealed);
    assertThat(sealed).isEqualTo(events.stream().map(Event::sealed).toList());
  }
}
