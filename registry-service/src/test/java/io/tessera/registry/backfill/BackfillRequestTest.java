package io.tessera.registry.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.registry.backfill.BackfillRefusedException.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackfillRequestTest {

  @Test
  void noBodyAndAnEmptyObjectAndNullFieldsAreTheDefaults() {
    assertThat(BackfillRequest.parse(null)).isEqualTo(BackfillRequest.DEFAULTS);
    assertThat(BackfillRequest.parse("  ")).isEqualTo(BackfillRequest.DEFAULTS);
    assertThat(BackfillRequest.parse("{}")).isEqualTo(BackfillRequest.DEFAULTS);
    assertThat(BackfillRequest.parse("{\"version\": null, \"from\": null}"))
        .isEqualTo(BackfillRequest.DEFAULTS);
    assertThat(BackfillRequest.DEFAULTS.fromMs()).isNull();
    assertThat(BackfillRequest.DEFAULTS.toMs()).isNull();
  }

  @Test
  void readsTheVersionAndTheRangeInEpochMillis() {
    BackfillRequest request =
        BackfillRequest.parse(
            "{\"version\": 3, \"from\": \"2026-11-01T00:00:00Z\","
                + " \"to\": \"2026-11-05T00:00:00.250Z\"}");

    assertThat(request.version()).isEqualTo(3);
    assertThat(request.fromMs()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
    assertThat(request.toMs()).isEqualTo(Instant.parse("2026-11-05T00:00:00.250Z").toEpochMilli());
  }

  @Test
  void aRangeOpenAtOneEndIsValid() {
    assertThat(BackfillRequest.parse("{\"to\": \"2026-11-05T00:00:00Z\"}").fromMs()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nope",
        "[]",
        "3",
        "{\"version\": \"3\"}",
        "{\"version\": 0}",
        "{\"version\": 2.5}",
        "{\"version\": 99999999999}",
        "{\"from\": \"2026-11-01\"}",
        "{\"from\": 1762000000000}",
        "{\"from\": \"2026-11-05T00:00:00Z\", \"to\": \"2026-11-05T00:00:00Z\"}",
        "{\"from\": \"2026-11-06T00:00:00Z\", \"to\": \"2026-11-05T00:00:00Z\"}",
        "{\"versoin\": 3}"
      })
  void refusesWhatIsNotARequest(String body) {
    assertThatThrownBy(() -> BackfillRequest.parse(body))
        .isInstanceOfSatisfying(
            BackfillRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_REQUEST));
  }

  @Test
  void namesTheUnknownField() {
    assertThatThrownBy(() -> BackfillRequest.parse("{\"versoin\": 3}"))
        .hasMessageContaining("'versoin'");
  }
}
