package io.tessera.engine.ir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What IRs report of their heap for the open state's budget: counters stay at their size however
 * many events they count, and what grows stops growing at its bound. An estimate that grew with
 * every event (as the budget's first one did, 16 bytes per event per feature) makes the state spill
 * long before the heap is full.
 */
class IrSizeTest {

  @Test
  void countersAndSumsStayTheSizeOfTheirObjects() {
    CountIr count = new CountIr();
    LongSumIr sum = new LongSumIr();
    MomentsIr moments = new MomentsIr();
    long[] before = {count.estimatedBytes(), sum.estimatedBytes(), moments.estimatedBytes()};
    for (int i = 0; i < 100_000; i++) {
      count.increment(1);
      sum.add(i);
      moments.add(i);
    }
    assertThat(new long[] {count.estimatedBytes(), sum.estimatedBytes(), moments.estimatedBytes()})
        .containsExactly(before);
    assertThat(count.estimatedBytes()).isBetween(24L, 48L);
  }

  @Test
  void aSketchGrowsWithItsCouponsUpToItsRegisters() {
    HllIr sketch = new HllIr();
    long empty = sketch.estimatedBytes();
    sketch.update("a");
    long one = sketch.estimatedBytes();
    for (int i = 0; i < 200_000; i++) {
      sketch.update("value-" + i);
    }
    long full = sketch.estimatedBytes();
    assertThat(one).isGreaterThan(empty).isLessThan(400);
    // 2^12 one-byte registers and the objects around them, however many values
    assertThat(full).isBetween(4_096L, 4_096L + 512);
    sketch.update("one more");
    assertThat(sketch.estimatedBytes()).isEqualTo(full);
  }

  @Test
  void aDistinctSetGrowsPerValueAndDropsItsValuesWhenItOverflows() {
    DistinctSetIr set = new DistinctSetIr(1_000);
    long empty = set.estimatedBytes();
    for (int i = 0; i < 100; i++) {
      set.offer("category-" + (i % 50)); // 50 distinct, each offered twice
    }
    long fifty = set.estimatedBytes();
    // a hash entry and a short string per value: some 100 bytes each, not per offer
    assertThat((fifty - empty) / 50).isBetween(60L, 140L);
    for (int i = 0; i < 2_000; i++) {
      set.offer("v" + i);
    }
    assertThat(set.overflowed()).isTrue();
    assertThat(set.estimatedBytes()).isLessThan(fifty);
  }

  @Test
  void boundedListsStayAtTheirCapacity() {
    BoundedListIr last = new BoundedListIr(5, false);
    RecentDistinctIr recent = new RecentDistinctIr(5);
    for (int i = 0; i < 5; i++) {
      last.offer(new Positioned(i, "e" + i, (long) i));
      recent.offer(new Positioned(i, "e" + i, "value-" + i));
    }
    long lastFull = last.estimatedBytes();
    long recentFull = recent.estimatedBytes();
    for (int i = 5; i < 10_000; i++) {
      last.offer(new Positioned(i, "e" + i, (long) i));
      recent.offer(new Positioned(i, "e" + i, "value-" + i));
    }
    // ids grow from "e4" to "e9999": two more characters fit the same 8-byte rounding or one more
    assertThat(last.estimatedBytes()).isBetween(lastFull, lastFull + 5 * 8);
    assertThat(recent.estimatedBytes()).isBetween(recentFull, recentFull + 5 * 16);
  }

  @Test
  void aDigestHoldsItsExactValuesThenAFixedSize() {
    DigestIr digest = new DigestIr();
    long empty = digest.estimatedBytes();
    for (int i = 0; i < DigestIr.EXACT_LIMIT; i++) {
      digest.update(i);
    }
    long exact = digest.estimatedBytes();
    assertThat(exact - empty).isGreaterThanOrEqualTo(8L * DigestIr.EXACT_LIMIT);
    digest.update(-1);
    long sketch = digest.estimatedBytes();
    for (int i = 0; i < 100_000; i++) {
      digest.update(i * 0.5);
    }
    assertThat(digest.estimatedBytes()).isEqualTo(sketch).isBetween(8_000L, 16_000L);
  }
}
