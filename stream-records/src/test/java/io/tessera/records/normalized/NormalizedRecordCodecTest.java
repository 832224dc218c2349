package io.tessera.records.normalized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NormalizedRecordCodecTest {

  @Property
  void aWatermarkSurvivesTheRoundTrip(
      @ForAll String view,
      @ForAll("versions") int version,
      @ForAll String publisher,
      @ForAll long watermarkMs,
      @ForAll long publishedAtMs) {
    Watermark watermark = new Watermark(view, version, publisher, watermarkMs, publishedAtMs);
    assertThat(NormalizedRecordCodec.decode(NormalizedRecordCodec.encode(watermark)))
        .isEqualTo(watermark);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> versions() {
    return net.jqwik.api.Arbitraries.integers().between(1, Integer.MAX_VALUE);
  }

  @Test
  void aSealMarkerSurvivesTheRoundTrip() {
    SealMarker marker =
        new SealMarker(
            "view", 3, "owner-1", 1_700_000_040_000L, Map.of(3_600_000L, 1_700_000_000_000L));
    assertThat(NormalizedRecordCodec.decode(NormalizedRecordCodec.encode(marker)))
        .isEqualTo(marker);
    SealMarker none = new SealMarker("v", 1, "o", Long.MIN_VALUE, Map.of());
    assertThat(NormalizedRecordCodec.decode(NormalizedRecordCodec.encode(none))).isEqualTo(none);
  }

  @Test
  void eventsKeepTheirFormatVersionOneBytes() {
    NormalizedEvent event = new NormalizedEvent("v", 1, "u1", 5, "e1", 6, Map.of("a", 1L));
    byte[] bytes = NormalizedRecordCodec.encode(event);
    assertThat(bytes).isEqualTo(NormalizedEventCodec.encode(event));
    assertThat(NormalizedRecordCodec.decode(bytes)).isEqualTo(event);
  }

  @Test
  void aRetiredWatermarkSaysSo() {
    Watermark retired = Watermark.retired("v", 2, "ingest-1", 10);
    assertThat(((Watermark) NormalizedRecordCodec.decode(NormalizedRecordCodec.encode(retired))))
        .matches(Watermark::isRetired);
  }

  @Test
  void refusesUnknownTagsEmptyAndTruncatedRecords() {
    assertThatThrownBy(() -> NormalizedRecordCodec.decode(new byte[] {9, 1, 2}))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("tag 9");
    assertThatThrownBy(() -> NormalizedRecordCodec.decode(new byte[0]))
        .isInstanceOf(MalformedRecordException.class);
    for (NormalizedRecord record :
        java.util.List.of(
            new Watermark("view", 1, "p", 123456789L, 42L),
            new SealMarker("view", 1, "o", 99L, Map.of(60_000L, 120_000L)))) {
      byte[] whole = NormalizedRecordCodec.encode(record);
      for (int length = 1; length < whole.length; length++) {
        byte[] truncated = Arrays.copyOf(whole, length);
        assertThatThrownBy(() -> NormalizedRecordCodec.decode(truncated))
            .isInstanceOf(MalformedRecordException.class);
      }
    }
  }
}
