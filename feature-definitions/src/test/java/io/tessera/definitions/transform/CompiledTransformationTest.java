package io.tessera.definitions.transform;

import static io.tessera.definitions.transform.TransformFixtures.compile;
import static io.tessera.definitions.transform.TransformFixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.transform.TransformResult.Failed;
import io.tessera.definitions.transform.TransformResult.Filtered;
import io.tessera.definitions.transform.TransformResult.Reason;
import io.tessera.definitions.transform.TransformResult.Success;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CompiledTransformationTest {

  private static final CompiledTransformation FIXTURE =
      TransformationCompiler.compile(ViewFixtures.valid(ViewFixtures.TRANSACTIONS)).orThrow();

  private static NormalizedRow success(TransformResult result) {
    assertThat(result).isInstanceOf(Success.class);
    return ((Success) result).row();
  }

  private static Failed failed(TransformResult result) {
    assertThat(result).isInstanceOf(Failed.class);
    return (Failed) result;
  }

  @Test
  void normalizesARealisticEvent() {
    NormalizedRow row = success(FIXTURE.apply(payment()));
    assertThat(row.entityKey()).containsExactly("u-1001");
    assertThat(row.eventTimeMs()).isEqualTo(1_773_153_445_120L);
    assertThat(row.eventId()).contains("t-9f2c");
    assertThat(row.values())
        .containsEntry("amount", 12.5)
        .containsEntry("quantity", 2L)
        .containsEntry("card_present", true)
        .containsEntry("amount_cents", 1250L)
        .containsEntry("is_big", false)
        .doesNotContainKey("ignored_extra_field");
  }

  @Test
  void infersDerivedColumnTypes() {
    assertThat(FIXTURE.columnTypes())
        .containsEntry("amount_cents", ValueType.LONG)
        .containsEntry("is_big", ValueType.BOOLEAN)
        .containsEntry("amount", ValueType.DOUBLE);
  }

  @Test
  void skipsEventsTheFilterRejects() {
    Map<String, Object> dollars = payment();
    dollars.put("currency", "USD");
    assertThat(FIXTURE.apply(dollars)).isInstanceOf(Filtered.class);
  }

  @Test
  void coercesWholeNumbersAndNumericTextToTheDeclaredType() {
    Map<String, Object> payload = payment();
    payload.put("amount", 12);
    payload.put("quantity", "3");
    payload.put("user_id", 1001L);
    NormalizedRow row = success(FIXTURE.apply(payload));
    assertThat(row.values()).containsEntry("amount", 12.0).containsEntry("quantity", 3L);
    assertThat(row.entityKey()).containsExactly("1001");
  }

  @Test
  void deadLettersAValueThatDoesNotFitItsColumn() {
    Map<String, Object> payload = payment();
    payload.put("amount", "twelve");
    Failed failure = failed(FIXTURE.apply(payload));
    assertThat(failure.reason()).isEqualTo(Reason.INVALID_VALUE);
    assertThat(failure.reason().code()).isEqualTo("invalid_value");
    assertThat(failure.detail()).isEqualTo("column 'amount': expected a number, got text 'twelve'");

    payload.put("amount", 1.5);
    payload.put("quantity", 2.5);
    assertThat(failed(FIXTURE.apply(payload)).detail())
        .isEqualTo("column 'quantity': expected a whole number, got number 2.5");
  }

  @Test
  void aDerivedColumnOverAMissingFieldFailsWithTheFieldNamed() {
    CompiledTransformation transformation =
        compile(null, Map.of("amount_cents", "int(amount * 100.0)"));
    Map<String, Object> payload = payment();
    payload.remove("amount");
    Failed failure = failed(transformation.apply(payload));
    assertThat(failure.reason()).isEqualTo(Reason.EXPRESSION_FAILED);
    assertThat(failure.detail())
        .startsWith("derived column 'amount_cents' failed: ")
        .endsWith("(null or missing: amount)");
  }

  @Test
  void aNullFieldBehavesLikeAMissingOne() {
    CompiledTransformation transformation =
        compile(null, Map.of("amount_cents", "int(amount * 100.0)"));
    Map<String, Object> payload = payment();
    payload.put("amount", null);
    assertThat(failed(transformation.apply(payload)).detail())
        .endsWith("(null or missing: amount)");
  }

  @Test
  void expressionsCanGuardAgainstNulls() {
    CompiledTransformation transformation =
        compile(
            "merchant != null",
            Map.of(
                "amount_or_zero", "amount != null ? amount : 0.0", "has_amount", "amount != null"));
    Map<String, Object> payload = payment();
    payload.remove("amount");
    NormalizedRow row = success(transformation.apply(payload));
    assertThat(row.values())
        .containsEntry("amount_or_zero", 0.0)
        .containsEntry("has_amount", false)
        .containsEntry("amount", null);

    payload.put("merchant", null);
    assertThat(transformation.apply(payload)).isInstanceOf(Filtered.class);
  }

  @Test
  void aFilteredEventIsNotDeadLetteredForADerivedColumnTheFilterDoesNotRead() {
    CompiledTransformation transformation =
        compile("currency == 'EUR'", Map.of("amount_cents", "int(amount * 100.0)"));
    Map<String, Object> payload = payment();
    payload.put("currency", "USD");
    payload.remove("amount");
    assertThat(transformation.apply(payload)).isInstanceOf(Filtered.class);

    payload.put("currency", "EUR");
    assertThat(failed(transformation.apply(payload)).reason()).isEqualTo(Reason.EXPRESSION_FAILED);
  }

  @Test
  void theFilterMayReadDerivedColumns() {
    CompiledTransformation transformation =
        compile("is_big || card_present == false", Map.of("is_big", "amount >= 1000"));
    assertThat(transformation.apply(payment())).isInstanceOf(Filtered.class);
    Map<String, Object> big = payment();
    big.put("amount", 2500.0);
    assertThat(success(transformation.apply(big)).values()).containsEntry("is_big", true);
  }

  @Test
  void aFilterOverANullFieldInArithmeticFailsRatherThanGuessing() {
    Map<String, Object> payload = payment();
    payload.remove("amount");
    Failed failure = failed(FIXTURE.apply(payload));
    assertThat(failure.detail()).startsWith("the filter failed: ").contains("amount");
  }

  @Test
  void stringFunctionsWork() {
    CompiledTransformation transformation =
        compile(
            "merchant.startsWith('Bakery')",
            Map.of(
                "merchant_lower", "merchant.lowerAscii()",
                "merchant_len", "size(merchant)",
                "label", "currency + ':' + string(quantity)",
                "amount_floor", "math.floor(amount)",
                "biggest", "math.greatest(amount, 100.0)"));
    NormalizedRow row = success(transformation.apply(payment()));
    assertThat(row.values())
        .containsEntry("merchant_lower", "bakery nord")
        .containsEntry("merchant_len", 11L)
        .containsEntry("label", "EUR:2")
        .containsEntry("amount_floor", 12.0)
        .containsEntry("biggest", 100.0);
  }

  @Test
  void timestampColumnsAreCelTimestampsAndEpochMillisInTheRow() {
    CompiledTransformation transformation =
        compile(
            null,
            Map.of(
                "hour_utc", "created.getHours()",
                "weekday", "created.getDayOfWeek()",
                "expires", "created + duration('1h')",
                "seconds_since_epoch", "int(created)"));
    NormalizedRow row = success(transformation.apply(payment()));
    assertThat(row.values())
        .containsEntry("created", 1_773_153_445_120L)
        .containsEntry("hour_utc", 14L)
        .containsEntry("weekday", 2L)
        .containsEntry("expires", 1_773_153_445_120L + 3_600_000L)
        .containsEntry("seconds_since_epoch", 1_773_153_445L);
    assertThat(transformation.columnTypes()).containsEntry("expires", ValueType.TIMESTAMP);

    Map<String, Object> epoch = payment();
    epoch.put("created", 1_773_153_445_120L);
    assertThat(success(transformation.apply(epoch)).values()).containsEntry("hour_utc", 14L);
    epoch.put("created", "2026-03-10T15:37:25.120+01:00");
    assertThat(success(transformation.apply(epoch)).values()).containsEntry("hour_utc", 14L);
    epoch.put("created", "yesterday");
    assertThat(failed(transformation.apply(epoch)).reason()).isEqualTo(Reason.INVALID_VALUE);
  }

  @Test
  void aTimestampNoEpochMillisecondCanHoldIsAnInvalidValueNotAnException() {
    // Found by ingest's NormalizerProperties: these threw ArithmeticException out of apply.
    CompiledTransformation transformation =
        compile(null, Map.of("expires", "created + duration('1h')"));
    Map<String, Object> payment = payment();
    for (Object far :
        List.of(
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z",
            Long.MAX_VALUE,
            Long.MIN_VALUE)) {
      payment.put("created", far);
      assertThat(failed(transformation.apply(payment)).reason())
          .as("%s", far)
          .isEqualTo(Reason.INVALID_VALUE);
    }
    payment.put("created", "9999-12-31T22:59:59Z");
    success(transformation.apply(payment));
  }

  @Test
  void readsEventTimeInEachFormat() {
    ObjectNode seconds = ViewFixtures.transactions();
    ((ObjectNode) seconds.get("schema")).put("ts", "double");
    ((ObjectNode) seconds.get("eventTime")).put("format", "epoch_seconds");
    CompiledTransformation bySeconds = compileJson(seconds);
    Map<String, Object> payload = payment();
    payload.put("ts", 1_773_153_445.12);
    assertThat(success(bySeconds.apply(payload)).eventTimeMs()).isEqualTo(1_773_153_445_120L);

    ObjectNode iso = ViewFixtures.transactions();
    ((ObjectNode) iso.get("schema")).put("ts", "string");
    ((ObjectNode) iso.get("eventTime")).put("format", "iso8601");
    payload.put("ts", "2026-03-10T15:37:25.120+01:00");
    assertThat(success(compileJson(iso).apply(payload)).eventTimeMs())
        .isEqualTo(1_773_153_445_120L);
    payload.put("ts", "10/03/2026");
    assertThat(failed(compileJson(iso).apply(payload)).reason())
        .isEqualTo(Reason.MISSING_EVENT_TIME);
  }

  @Test
  void deadLettersEventsWithoutKeyTimeOrId() {
    Map<String, Object> payload = payment();
    payload.remove("user_id");
    assertThat(failed(FIXTURE.apply(payload)))
        .isEqualTo(new Failed(Reason.MISSING_ENTITY, "entity column 'user_id' is missing or null"));

    payload = payment();
    payload.put("ts", null);
    assertThat(failed(FIXTURE.apply(payload)).reason()).isEqualTo(Reason.MISSING_EVENT_TIME);

    payload = payment();
    payload.remove("txn_id");
    assertThat(failed(FIXTURE.apply(payload)))
        .isEqualTo(
            new Failed(Reason.MISSING_EVENT_ID, "event-id column 'txn_id' is missing or null"));
  }

  @Test
  void entityKeysMayBeCompositeAndDerived() {
    ObjectNode json = ViewFixtures.transactions();
    json.putArray("entity").add("merchant_key").add("quantity");
    ((ObjectNode) json.get("transformation").get("derived"))
        .put("merchant_key", "merchant.lowerAscii()");
    NormalizedRow row = success(compileJson(json).apply(payment()));
    assertThat(row.entityKey()).isEqualTo(List.of("bakery nord", 2L));
    assertThat(row.eventId()).isEqualTo(Optional.of("t-9f2c"));
  }

  @Test
  void arithmeticErrorsAreEvaluationFailures() {
    CompiledTransformation transformation =
        compile(null, Map.of("per_item", "quantity / (quantity - 2)"));
    Failed failure = failed(transformation.apply(payment()));
    assertThat(failure.detail()).contains("derived column 'per_item' failed").contains("by zero");
  }

  private static CompiledTransformation compileJson(ObjectNode json) {
    return TransformationCompiler.compile(ViewFixtures.valid(json.toString())).orThrow();
  }
}
