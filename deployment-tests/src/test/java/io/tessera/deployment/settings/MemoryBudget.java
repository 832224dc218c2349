package io.tessera.deployment.settings;

import io.tessera.deployment.TesseraService;
import io.tessera.serving.training.TrainingProperties;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The least memory a service's container may be limited to: its heap, what the JVM keeps beside it
 * (metaspace, code cache, thread stacks, Netty's direct buffers), and for serving the training
 * jobs' embedded DuckDB, which lives outside the heap. A limit below it gets the container killed
 * by the kernel instead of a clean {@code OutOfMemoryError} exit.
 */
public final class MemoryBudget {
  /** Measured beside the benchmarks' heaps: metaspace ~120 MiB, code cache, ~100 threads. */
  static final long NON_HEAP_BYTES = 384L << 20;

  private static final Pattern SIZE = Pattern.compile("([0-9]+)([a-zA-Z]*)");

  private MemoryBudget() {}

  public static long minimumBytes(TesseraService service, String heap) {
    long bytes = binarySize(heap) + NON_HEAP_BYTES;
    return service == TesseraService.SERVING ? bytes + duckdbMemoryLimit() : bytes;
  }

  /** {@code -Xmx}'s and compose's {@code mem_limit} form: {@code 256m}, {@code 1g}. */
  public static long binarySize(String size) {
    return bytes(size, true);
  }

  /** A Kubernetes quantity: {@code 1536Mi}, {@code 2Gi} (binary), {@code 2G} (decimal). */
  public static long quantity(String size) {
    return bytes(size, size.endsWith("i"));
  }

  private static long bytes(String size, boolean binary) {
    Matcher matcher = SIZE.matcher(size.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a size: " + size);
    }
    long number = Long.parseLong(matcher.group(1));
    int shift =
        switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
          case "", "b" -> 0;
          case "k", "ki", "kb" -> 10;
          case "m", "mi", "mb" -> 20;
          case "g", "gi", "gb" -> 30;
          default -> throw new IllegalArgumentException("unknown unit in " + size);
        };
    // Kubernetes' suffixes without the i (M, G) are powers of ten; JVM and compose sizes are
    // binary.
    return binary || shift == 0 ? number << shift : number * (long) Math.pow(1000, shift / 10.0);
  }

  /**
   * {@code tessera.serving.training.duckdb-memory-limit}'s default, from the record itself (its
   * canonical constructor's parameter carries the {@code @DefaultValue}).
   */
  private static long duckdbMemoryLimit() {
    RecordComponent[] components = TrainingProperties.class.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    try {
      Parameter[] parameters =
          TrainingProperties.class.getDeclaredConstructor(types).getParameters();
      for (int i = 0; i < components.length; i++) {
        if (components[i].getName().equals("duckdbMemoryLimit")) {
          return DataSize.parse(parameters[i].getAnnotation(DefaultValue.class).value()[0])
              .toBytes();
        }
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("TrainingProperties has no duckdbMemoryLimit");
  }
}
