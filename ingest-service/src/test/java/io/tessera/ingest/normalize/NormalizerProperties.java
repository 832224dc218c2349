package io.tessera.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever bytes a source delivers (random bytes, broken or hostile JSON: deep nesting, huge
 * numbers, unicode, oversized payloads, keys and ids, values of every JSON type in every column),
 * the normalizer answers with an outcome, never an exception: a normalized event within the limits
 * or a dead letter with a known reason and a detail, both encodable into their Kafka records.
 * Invariant 7: no single record, however malformed or large, stops a partition.
 *
 * <p>It found one: a timestamp column holding {@code "+999999999-12-31T23:59:59Z"} threw {@code
 * ArithmeticException} out of the transformation, which would have failed its whole batch again and
 * again. The normalizer now also dead-letters any unexpected failure rather than throw; these
 * properties fail on such a letter too, so a bug still shows here.
 */
class NormalizerProperties {

  private static final long NOW_MS = 1_773_153_445_000L;
  private static final NormalizerLimits LIMITS =
      new NormalizerLimits(4096, 64, 32, Duration.ofMinutes(5));
  private static final Normalizer NORMALIZER =
      new Normalizer(LIMITS, InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
  private static final SourcePosition AT = new SourcePosition("kafka", "t", "0", "17");

  /** Every column type, a derived column, a filter, a declared event id and a two-column key. */
  private static final CompiledView VIEW =
      CompiledView.compile(
          DefinitionJson.readView(
                  """
                  {"name": "fuzz", "entity": ["user_id", "region"],
                   "source": {"type": "kafka", "topic": "t"},
                   "schema": {"user_id": "string", "region": "string", "id": "string",
                              "amount": "double", "n": "long", "flag": "boolean",
                              "at": "timestamp", "ts": "long"},
                   "eventTime": {"field": "ts", "format": "epoch_millis"},
                   "eventId": "id",
                   "transformation": {"filter": "n != 7",
                                      "derived": {"cents": "int(amount * 100.0)",
                                                  "big": "n * 1000 + size(user_id)"}},
                   "features": [{"name": "spend", "function": "sum", "input": "amount",
                                 "windows": ["1h"]}]}
                  """)
              .orThrow(),
          2);

  /** An ISO-8601 event time, with the event id derived from the source position. */
  private static final CompiledView ISO_VIEW =
      CompiledView.compile(
          DefinitionJson.readView(
                  """
                  {"name": "fuzz_iso", "entity": "user_id",
                   "source": {"type": "kafka", "topic": "t"},
                   "schema": {"user_id": "string", "amount": "double", "ts": "string"},
                   "eventTime": {"field": "ts", "format": "iso8601"},
                   "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
                  """)
              .orThrow(),
          1);

  @Property(tries = 1000)
  void randomBytesYieldAnOutcomeNeverAnException(@ForAll("bytes") byte[] payload) {
    check(VIEW, payload);
    check(ISO_VIEW, payload);
  }

  @Property(tries = 1000)
  void randomJsonYieldsAnOutcomeNeverAnException(@ForAll("json") String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    check(VIEW, bytes);
    check(ISO_VIEW, bytes);
  }

  @Property(tries = 1500)
  void eventsShapedLikeTheSchemaYieldAnOutcomeNeverAnException(@ForAll("events") String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    check(VIEW, bytes);
    check(ISO_VIEW, bytes);
  }

  private static void check(CompiledView view, byte[] payload) {
    Outcome outcome = NORMALIZER.normalize(view, new SourceEvent(payload, AT, NOW_MS - 1));

    assertThat(outcome).isNotNull();
    if (outcome instanceof Outcome.Rejected rejected) {
      DeadLetter letter = rejected.letter();
      assertThat(DeadLetterReason.fromCode(letter.reason())).as(letter.reason()).isPresent();
      assertThat(letter.detail()).isNotBlank();
      // the safety net for bugs must never be what answers: each such letter is a bug to fix
      assertThat(letter.detail()).doesNotStartWith(Normalizer.UNEXPECTED);
      assertThat(letter.original().length).isLessThanOrEqualTo(LIMITS.maxPayloadBytes());
      assertThat(DeadLetterCodec.decode(DeadLetterCodec.encode(letter)).reason())
          .isEqualTo(letter.reason());
    } else if (outcome instanceof Outcome.Normalized normalized) {
      NormalizedEvent event = normalized.event();
      assertThat(payload.length).isLessThanOrEqualTo(LIMITS.maxPayloadBytes());
      assertThat(event.entityKey().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(LIMITS.maxEntityKeyBytes());
      assertThat(event.eventId().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(view == VIEW ? LIMITS.maxEventIdBytes() : 1024);
      assertThat(event.eventTimeMs())
          .isLessThanOrEqualTo(NOW_MS + LIMITS.maxClockSkew().toMillis());
      assertThat(NormalizedEventCodec.decode(NormalizedEventCodec.encode(event)).eventId())
          .isEqualTo(event.eventId());
    } else {
      assertThat(outcome).isInstanceOf(Outcome.Filtered.class);
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
        Arbitraries.bytes().array(byte[].class).ofMinSize(4000).ofMaxSize(9000),
        // a JSON-looking start, then noise
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(300)
            .map(
                noise -> {
                  byte[] start = "{\"user_id\": \"".getBytes(StandardCharsets.UTF_8);
                  byte[] all = new byte[start.length + noise.length];
                  System.arraycopy(start, 0, all, 0, start.length);
                  System.arraycopy(noise, 0, all, start.length, noise.length);
                  return all;
                }));
  }

  @Provide
  Arbitrary<String> json() {
    return Arbitraries.oneOf(
        value(4),
        nested(),
        Arbitraries.of(
            "",
            " ",
            "null",
            "{}",
            "[]",
            "{\"a\": 1, \"a\": 2}",
            "{\"user_id\": \"u\"} trailing",
            "{\"user_id\": \"u\",}",
            "{'user_id': 'u'}",
            "{\"user_id\": \"\\ud800\"}",
            "{\"user_id\": \"u\", \"ts\": NaN}",
            "{\"user_id\": \"u\", \"ts\": Infinity}",
            "\uFEFF{\"user_id\": \"u\"}",
            "{\"user_id\": \"u\\u0000\"}"));
  }

  /** Objects over the schema's fields (and others), each value of any JSON type and size. */
  @Provide
  Arbitrary<String> events() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.of("user_id", "region", "id", "amount", "n", "flag", "at", "ts"),
            Arbitraries.strings().ofMaxLength(6));
    Arbitrary<String> member =
        Combinators.combine(field, Arbitraries.oneOf(value(2), timeValue(), keyValue()))
            .as((name, value) -> quote(name) + ": " + value);
    return member.list().ofMaxSize(10).map(members -> "{" + String.join(", ", members) + "}");
  }

  private static Arbitrary<String> value(int depth) {
    List<Arbitrary<String>> leaves =
        List.of(
            Arbitraries.of("null", "true", "false", "0", "-0", "-0.0", "1e400", "-1e400"),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            Arbitraries.bigIntegers()
                .between(
                    java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(40))
                .map(String::valueOf),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(1200),
            Arbitraries.strings().all().ofMaxLength(40).map(NormalizerProperties::quote),
            Arbitraries.strings()
                .ofMinLength(60)
                .ofMaxLength(3000)
                .map(NormalizerProperties::quote));
    Arbitrary<String> leaf = Arbitraries.oneOf(leaves);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> array =
        value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
    Arbitrary<String> object =
        Combinators.combine(Arbitraries.strings().ofMaxLength(8), value(depth - 1))
            .as((k, v) -> quote(k) + ": " + v)
            .list()
            .ofMaxSize(4)
            .map(members -> "{" + String.join(", ", members) + "}");
    return Arbitraries.frequencyOf(Tuple.of(5, leaf), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** Nesting far beyond any real payload, closed or not. */
  private static Arbitrary<String> nested() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 20_000),
            Arbitraries.of("[", "{\"a\":"),
            Arbitraries.of(true, false))
        .as(
            (depth, open, closed) -> {
              String close = open.equals("[") ? "]" : "}";
              return open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
            });
  }

  private static Arbitrary<String> timeValue() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.longs().between(NOW_MS - 86_400_000L, NOW_MS + 3_600_000L).map(String::valueOf),
        Arbitraries.of(
            "\"2026-03-10T14:37:25.120Z\"",
            "\"2026-03-10T15:37:25.120+01:00\"",
            "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"1773153445000\"",
            "\"yesterday\"",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "1.7731534450001E12"));
  }

  private static Arbitrary<String> keyValue() {
    return Arbitraries.strings()
        .all()
        .ofMinLength(0)
        .ofMaxLength(120)
        .map(NormalizerProperties::quote);
  }

  private static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }
}
