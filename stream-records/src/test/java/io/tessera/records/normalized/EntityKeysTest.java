package io.tessera.records.normalized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EntityKeysTest {

  @Test
  void aSingleKeyColumnIsItsValueAsText() {
    assertThat(EntityKeys.encode(List.of("user_42"))).isEqualTo("user_42");
    assertThat(EntityKeys.encode(List.of(42L))).isEqualTo("42");
  }

  @Test
  void severalKeyColumnsAreJoinedWithEscapedSeparators() {
    assertThat(EntityKeys.encode(List.of("a|b", 7L))).isEqualTo("a\\|b|7");
    assertThat(EntityKeys.decode("a\\|b|7", 2)).containsExactly("a|b", "7");
  }

  @Test
  void keysThatDifferOnlyInWhereTheSeparatorFallsStayDistinct() {
    assertThat(EntityKeys.encode(List.of("a|", "b")))
        .isNotEqualTo(EntityKeys.encode(List.of("a", "|b")));
  }

  @Test
  void refusesAKeyWithTheWrongNumberOfValues() {
    assertThatThrownBy(() -> EntityKeys.decode("a|b|c", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 key values, expected 2");
  }

  @Property(tries = 1000)
  void decodingInvertsEncoding(@ForAll("keyLists") List<String> values) {
    assertThat(EntityKeys.decode(EntityKeys.encode(values), values.size())).isEqualTo(values);
  }

  @Property(tries = 1000)
  void differentKeyListsEncodeDifferently(
      @ForAll("keyLists") List<String> a, @ForAll("keyLists") List<String> b) {
    if (a.size() == b.size() && !a.equals(b)) {
      assertThat(EntityKeys.encode(a)).isNotEqualTo(EntityKeys.encode(b));
    }
  }

  @Provide
  Arbitrary<List<String>> keyLists() {
    return Arbitraries.strings()
        .withChars('a', 'b', '|', '\\')
        .ofMaxLength(4)
        .list()
        .ofMinSize(2)
        .ofMaxSize(3);
  }
}
