package io.tessera.records.normalized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NormalizedEventCodecTest {

  /** The event whose version-1 bytes are checked in as fixtures/normalized-event-v1.hex. */
  static NormalizedEvent fixtureEvent() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("user_id", "user_42");
    values.put("amount", 12.5);
    values.put("items", 3L);
    values.put("card_present", true);
    values.put("merchant", null);
    values.put("ts", 1_773_153_445_120L);
    return new NormalizedEvent(
        "transactions", 3, "user_42", 1_773_153_445_120L, "tx-0001", 1_773_153_445_180L, values);
  }

  @Test
  void roundTripsEveryValueType() {
    NormalizedEvent event = fixtureEvent();

    assertThat(NormalizedEventCodec.decode(NormalizedEventCodec.encode(event))).isEqualTo(event);
  }

  @Test
  void keepsColumnOrderAndNulls() {
    NormalizedEvent decoded =
        NormalizedEventCodec.decode(NormalizedEventCodec.encode(fixtureEvent()));

    assertThat(decoded.values().keySet())
        .containsExactly("user_id", "amount", "items", "card_present", "merchant", "ts");
    assertThat(decoded.values()).containsEntry("merchant", null);
  }

  @Test
  void decodesBytesWrittenByFormatVersionOne() throws IOException {
    byte[] fixture = fixture("normalized-event-v1.hex");

    assertThat(NormalizedEventCodec.decode(fixture)).isEqualTo(fixtureEvent());
    assertThat(NormalizedEventCodec.encode(fixtureEvent())).isEqualTo(fixture);
  }

  @Test
  void refusesAnUnknownFormatVersion() {
    byte[] bytes = NormalizedEventCodec.encode(fixtureEvent());
    bytes[0] = 2;

    assertThatThrownBy(() -> NormalizedEventCodec.decode(bytes))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("format version 2");
  }

  @Test
  void refusesTruncatedAndTrailingBytes() {
    byte[] bytes = NormalizedEventCodec.encode(fixtureEvent());

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> NormalizedEventCodec.decode(truncated))
          .isInstanceOf(MalformedRecordException.class);
    }
    assertThatThrownBy(() -> NormalizedEventCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void rejectsValuesOfOtherTypes() {
    assertThatThrownBy(
            () -> new NormalizedEvent("v", 1, "e", 0, "id", 0, Map.of("amount", (Object) 1.5f)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Float");
  }

  @Property(tries = 500)
  void roundTripsArbitraryEventsInThePlainEncodersBytes(
      @ForAll("names") String view,
      @ForAll("keys") String entity,
      @ForAll long eventTimeMs,
      @ForAll long sourceTimeMs,
      @ForAll("columns") Map<String, Object> values) {
    NormalizedEvent event =
        new NormalizedEvent(
            view,
            1 + Math.abs(view.hashCode() % 1000),
            entity,
            eventTimeMs,
            entity + "#" + eventTimeMs,
            sourceTimeMs,
            values);

    assertThat(NormalizedEventCodec.decode(NormalizedEventCodec.encode(event))).isEqualTo(event);
    assertThat(NormalizedEventCodec.encode(event)).isEqualTo(referenceEncoding(event));
  }

  @Property(tries = 500)
  void readsOneColumnAsTheWholeMapHasIt(
      @ForAll("columns") Map<String, Object> values, @ForAll("names") String absent) {
    NormalizedEvent event = new NormalizedEvent("v", 1, "e", 0, "id", 0, values);
    byte[] bytes = NormalizedEventCodec.encode(event);

    for (Map.Entry<String, Object> column : values.entrySet()) {
      // a fresh decode each time: a column asked for alone, before anything reads them all
      assertThat(NormalizedEventCodec.decode(bytes).values().get(column.getKey()))
          .isEqualTo(column.getValue());
    }
    assertThat(NormalizedEventCodec.decode(bytes).values().get(absent + "-absent")).isNull();
    assertThat(NormalizedEventCodec.decode(bytes).values().get("größe")).isNull();
  }

  /** Format version 1 as its Javadoc describes it, written the plainest way. */
  private static byte[] referenceEncoding(NormalizedEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    referenceString(out, event.view());
    referenceVarLong(out, event.viewVersion());
    referenceString(out, event.entityKey());
    referenceVarLong(out, zigZag(event.eventTimeMs()));
    referenceString(out, event.eventId());
    referenceVarLong(out, zigZag(event.sourceTimeMs()));
    referenceVarLong(out, event.values().size());
    for (Map.Entry<String, Object> column : event.values().entrySet()) {
      referenceString(out, column.getKey());
      Object value = column.getValue();
      if (value == null) {
        out.write(0);
      } else if (value instanceof Long l) {
        out.write(1);
        referenceVarLong(out, zigZag(l));
      } else if (value instanceof Double d) {
        out.write(2);
        out.writeBytes(ByteBuffer.allocate(8).putDouble(d).array()); // big-endian, raw bits
      } else if (value instanceof String text) {
        out.write(3);
        referenceString(out, text);
      } else {
        out.write((Boolean) value ? 4 : 5);
      }
    }
    return out.toByteArray();
  }

  private static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static void referenceVarLong(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static void referenceString(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    referenceVarLong(out, utf8.length);
    out.writeBytes(utf8);
  }

  @Property(tries = 500)
  void readsSeveralColumnsInOnePassAsGetDoes(
      @ForAll("columns") Map<String, Object> values,
      @ForAll("names") String absent,
      @ForAll boolean wholeMapFirst) {
    NormalizedEvent event =
        NormalizedEventCodec.decode(
            NormalizedEventCodec.encode(new NormalizedEvent("v", 1, "e", 0, "id", 0, values)));
    if (wholeMapFirst) {
      assertThat(event.values()).hasSize(values.size()); // reads them all into the map
    }
    List<String> wanted = new ArrayList<>(values.keySet());
    wanted.add(absent + "-absent");
    wanted.add("größe");
    if (!values.isEmpty()) {
      wanted.add(values.keySet().iterator().next()); // asked twice
    }
    String[] columns = wanted.toArray(String[]::new);
    Object[] into = new Object[columns.length + 1];
    Arrays.fill(into, "stale");

    event.read(columns, into);

    for (int i = 0; i < columns.length; i++) {
      assertThat(into[i]).as(columns[i]).isEqualTo(values.get(columns[i]));
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().ofMaxLength(60);
  }

  @Provide
  Arbitrary<Map<String, Object>> columns() {
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.doubles().map(Object.class::cast),
            Arbitraries.strings().ofMaxLength(30).map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast),
            Arbitraries.just(null));
    return Arbitraries.maps(names(), value).ofMaxSize(12);
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = NormalizedEventCodecTest.class.getResourceAsStream("/fixtures/" + name)) {
      String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      return HexFormat.of().parseHex(hex);
    }
  }
}
