package io.tessera.serving.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.function.CapExceeded;
import io.tessera.serving.online.EntityVector;
import io.tessera.serving.online.ServedValue;
import io.tessera.serving.online.ValueStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written answer against the reference: the records {@link FeaturesResponseBody} written
 * by the application's own Jackson mapper (as Boot configures it), byte for byte, on random answers
 * with every status, nulls, capped distinct counts, doubles at their edges (NaN, infinities, -0.0),
 * longs at theirs, strings that need escaping, lists, and instants before 1970 and past 9999.
 */
class FeaturesJsonWriterTest {
  private static final int ANSWERS = 3_000;
  private static final String[] TEXTS = {
    "",
    "u1",
    "a\"b",
    "back\\slash",
    "line\nbreak\ttab\r",
    "\u0000\u0001\u001f\u007f",
    "caf\u00e9",
    "\ud83d\ude00 emoji",
    "</script>",
    "\u2028\u2029",
    "1h",
    "lifetime",
    "  "
  };
  private static final double[] DOUBLES = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    -0.0,
    0.0,
    Double.MIN_VALUE,
    Double.MAX_VALUE,
    1e-7,
    1e21,
    0.1 + 0.2,
    100.0,
    -2.5
  };
  private static final long[] LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 53};
  private static final long[] TIMES_MS = {
    0,
    -1,
    1_000,
    1_773_153_445_120L,
    1_773_153_445_000L,
    1_773_153_445_100L,
    -62_167_219_200_000L,
    253_402_300_800_000L,
    4_102_444_800_001L
  };

  private static JsonMapper mapper;

  @BeforeAll
  static void theApplicationsMapper() {
    AtomicReference<JsonMapper> built = new AtomicReference<>();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
        .run(context -> built.set(context.getBean(JsonMapper.class)));
    mapper = built.get();
  }

  @Test
  void writesEveryAnswerAsJacksonWritesTheRecords() {
    FeaturesJsonWriter writer = new FeaturesJsonWriter(mapper);
    for (int seed = 0; seed < ANSWERS; seed++) {
      Random random = new Random(seed);
      List<EntityVector> vectors = new ArrayList<>();
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        vectors.add(vector(random));
      }
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      writer.writeAnswer(vectors, written);

      assertThat(written.toString(StandardCharsets.UTF_8))
          .as("seed %d", seed)
          .isEqualTo(mapper.writeValueAsString(FeaturesResponseBody.of(vectors)));
    }
  }

  @Test
  void writesEveryOneEntityAnswerAsJacksonWritesTheRecord() {
    FeaturesJsonWriter writer = new FeaturesJsonWriter(mapper);
    for (int seed = 0; seed < ANSWERS; seed++) {
      EntityVector vector = vector(new Random(seed));
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      writer.writeVector(vector, written);

      assertThat(written.toString(StandardCharsets.UTF_8))
          .as("seed %d", seed)
          .isEqualTo(mapper.writeValueAsString(FeaturesResponseBody.Vector.of(vector)));
    }
  }

  @Test
  void writesIntoOneBufferThatGrowsPastItsFirstSize() {
    Random random = new Random(42);
    List<EntityVector> vectors = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      vectors.add(vector(random));
    }

    DataBuffer buffer =
        new FeaturesJsonWriter(mapper).answer(vectors, DefaultDataBufferFactory.sharedInstance);

    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .isEqualTo(mapper.writeValueAsString(FeaturesResponseBody.of(vectors)));
  }

  private static EntityVector vector(Random random) {
    Map<String, String> entity = new LinkedHashMap<>();
    int keys = random.nextInt(3);
    for (int i = 0; i < keys; i++) {
      entity.put(text(random) + i, text(random));
    }
    List<ServedValue> values = new ArrayList<>();
    int count = random.nextInt(20);
    for (int i = 0; i < count; i++) {
      values.add(
          new ServedValue(
              nullable(random, text(random)),
              nullable(random, text(random)),
              random.nextInt(),
              nullable(random, text(random)),
              nullable(random, text(random)),
              value(random, 0),
              ValueStatus.values()[random.nextInt(ValueStatus.values().length)],
              random.nextInt(3) == 0 ? null : time(random)));
    }
    return new EntityVector(entity, time(random), values);
  }

  /** Every kind a function finishes to, and a few it never does (written as Jackson would). */
  private static Object value(Random random, int depth) {
    return switch (random.nextInt(depth == 0 ? 11 : 9)) {
      case 0 -> null;
      case 1 -> LONGS[random.nextInt(LONGS.length)];
      case 2 -> random.nextLong();
      case 3 -> DOUBLES[random.nextInt(DOUBLES.length)];
      case 4 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
      case 5 -> text(random);
      case 6 -> random.nextBoolean();
      case 7 -> new CapExceeded(random.nextInt(100_000));
      case 8 -> random.nextInt(); // not a served kind: the fallback
      case 9 -> list(random, depth);
      default -> Arrays.asList(text(random), null, random.nextDouble());
    };
  }

  private static List<Object> list(Random random, int depth) {
    List<Object> list = new ArrayList<>();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      list.add(value(random, depth + 1));
    }
    return list;
  }

  private static long time(Random random) {
    return random.nextBoolean()
        ? TIMES_MS[random.nextInt(TIMES_MS.length)]
        : 1_700_000_000_000L + random.nextLong(100_000_000_000L);
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private static String nullable(Random random, String text) {
    return random.nextInt(8) == 0 ? null : text;
  }
}
