package io.tessera.definitions.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnicodeTextTest {

  @Test
  void aPairIsUnicodeAndAHalfIsNot() {
    assertThat(UnicodeText.isUnicode("a\ud83d\ude00b")).isTrue();
    assertThat(UnicodeText.isUnicode("a\ud83d")).isFalse();
    assertThat(UnicodeText.isUnicode("\ude00a")).isFalse();
  }

  @Test
  void findsTheFirstTextThatIsNotUnicodeByItsPath() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("ok", "\ud83d\ude00");
    value.put("tags", List.of("a", Map.of("name", "x\ud800")));

    assertThat(UnicodeText.firstNotUnicode(value)).hasValue("tags[1].name");
    assertThat(UnicodeText.firstNotUnicode(Map.of("b\udc00d", 1))).hasValue("b\ufffdd");
    assertThat(UnicodeText.firstNotUnicode(Map.of("n", 1, "t", "fine"))).isEmpty();
    assertThat(UnicodeText.firstNotUnicode(null)).isEmpty();
  }
}
