package io.tessera.records.normalized;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NameCacheTest {

  private static String name(String text) {
    byte[] bytes = ("xy" + text).getBytes(StandardCharsets.UTF_8);
    return NameCache.name(bytes, 2, bytes.length - 2);
  }

  @Property(tries = 2_000)
  void decodesEveryNameAsUtf8WhateverTheSlotHeld(@ForAll String text) {
    assertThat(name(text))
        .isEqualTo(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void givesTheSameInstanceForARecurringAsciiName() {
    String first = name("amount");

    assertThat(name("amount")).isSameAs(first);
    assertThat(name("amounT")).isEqualTo("amounT").isNotSameAs(first);
  }

  @Test
  void decodesNonAsciiNamesWithoutKeepingThem() {
    assertThat(name("größe")).isEqualTo("größe");
    assertThat(name("größe")).isNotSameAs(name("größe"));
  }
}
