package io.tessera.definitions.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  @Test
  void matchesTheExampleOfRfc8785() {
    String input =
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";
    assertThat(CanonicalJson.write(DefinitionJson.parseTree(input)))
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void sortsMembersByUtf16CodeUnits() {
    // The example of RFC 8785 section 3.2.3: U+FB33 sorts after the surrogate pair of U+1F600.
    String input =
        "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew\","
            + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji\", \"\\u0080\": \"Control\","
            + " \"\\u00f6\": \"Latin\"}";
    assertThat(CanonicalJson.write(DefinitionJson.parseTree(input)))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\","
                + "\"\ufb33\":\"Hebrew\"}");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0.0, 0",
    "1, 1",
    "-1.5, -1.5",
    "0.1, 0.1",
    "0.30000000000000004, 0.30000000000000004",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "123456789012345680000, 123456789012345680000",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "1.5e-7, 1.5e-7",
    "5e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "9007199254740992, 9007199254740992",
    "295147905179352830000, 295147905179352830000",
    "4.35, 4.35",
    "1e23, 1e+23",
    "0.7999999999999999, 0.7999999999999999",
    "1.23e-18, 1.23e-18",
  })
  void formatsNumbersAsEcmaScriptDoes(double value, String expected) {
    assertThat(EcmaNumber.format(value)).isEqualTo(expected);
  }
}
