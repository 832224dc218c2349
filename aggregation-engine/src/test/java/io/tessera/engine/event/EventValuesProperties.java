package io.tessera.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
 * {@link EventValues} is the map its puts make, narrow (arrays searched in order) or wide (a hash
 * map past {@link EventValues#ARRAYS_UP_TO} columns): names put twice (the later value wins), null
 * values, names equal but not the same instance, and every view of the map.
 */
class EventValuesProperties {

  record Put(String column, Object value) {}

  @Provide
  Arbitrary<List<Put>> puts() {
    Arbitrary<String> columns =
        Arbitraries.of(
            "a", "b", "c", "amount", "price", "cat", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8",
            "x9", "x10");
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.strings().ofMaxLength(5).map(Object.class::cast),
            Arbitraries.just(null));
    return Combinators.combine(columns, values).as(Put::new).list().ofMaxSize(20);
  }

  @Property(tries = 500)
  void isTheMapItsPutsMake(@ForAll("puts") List<Put> puts, @ForAll int sizeHint) {
    Map<String, Object> expected = new LinkedHashMap<>();
    EventValues.Builder builder = EventValues.builder(Math.floorMod(sizeHint, 14));
    for (Put put : puts) {
      // a copy of the name: equal, not the same instance, as a decoded name is
      builder.put(new String(put.column()), put.value());
      expected.put(put.column(), put.value());
    }
    Map<String, Object> values = builder.build();

    assertThat(values).isEqualTo(expected);
    assertThat(expected).isEqualTo(values);
    assertThat(values.hashCode()).isEqualTo(expected.hashCode());
    assertThat(values.size()).isEqualTo(expected.size());
    for (String column : List.of("a", "amount", "x10", "absent")) {
      assertThat(values.get(column)).isEqualTo(expected.get(column));
      assertThat(values.containsKey(column)).isEqualTo(expected.containsKey(column));
    }
    assertThat(values.keySet()).isEqualTo(expected.keySet());
    assertThat(values.keySet().contains("a")).isEqualTo(expected.containsKey("a"));
    assertThat(new HashMap<>(values)).isEqualTo(expected);
    Map<String, Object> forEachSeen = new HashMap<>();
    values.forEach(forEachSeen::put);
    assertThat(forEachSeen).isEqualTo(expected);
    assertThat(EventValues.of(expected)).isEqualTo(expected);
    assertThat(EventValues.of(values)).isSameAs(values);
  }
}
