package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.CountIr;
import io.tessera.engine.ir.DigestIr;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.SealedWindowCache.Key;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SealedWindowIrCacheTest {
  private static final EntityRef USER = new EntityRef("txn", "user-1");

  @Test
  void countsHitsAndMissesUnderTheSealedWindowsCacheName() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SealedWindowIrCache cache = new SealedWindowIrCache(1 << 20, Duration.ofMinutes(3), meters);
    Key key = new Key(USER, 0, 60_000);
    Ir[] states = {new CountIr()};

    assertThat(cache.get(key)).isNull();
    cache.put(key, states);
    assertThat(cache.get(key)).isSameAs(states);
    assertThat(cache.get(new Key(USER, 0, 120_000))).as("a seal that advanced").isNull();

    assertThat(gets(meters, "hit")).isEqualTo(1);
    assertThat(gets(meters, "miss")).isEqualTo(2);
  }

  @Test
  void keepsAtMostItsBoundOfBytes() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    int entryBytes = IrWeights.of(new Ir[] {new CountIr()});
    SealedWindowIrCache cache =
        new SealedWindowIrCache(10L * entryBytes, Duration.ofMinutes(3), meters);
    for (int i = 0; i < 1_000; i++) {
      cache.put(new Key(USER, i * 60_000L, (i + 1) * 60_000L), new Ir[] {new CountIr()});
    }

    int kept = 0;
    for (int i = 0; i < 1_000; i++) {
      if (cache.get(new Key(USER, i * 60_000L, (i + 1) * 60_000L)) != null) {
        kept++;
      }
    }
    assertThat(kept).isBetween(1, 10);
    assertThat(IrWeights.of(new Ir[] {DigestIr.ofExact(new double[64])}))
        .as("a digest weighs more than a counter")
        .isGreaterThan(entryBytes);
    assertThat(
            meters.get("cache.evictions").tag("cache", "sealed-windows").functionCounter().count())
        .isGreaterThanOrEqualTo(990);
  }

  private static double gets(SimpleMeterRegistry meters, String result) {
    return meters
        .get("cache.gets")
        .tag("cache", "sealed-windows")
        .tag("result", result)
        .functionCounter()
        .count();
  }
}
