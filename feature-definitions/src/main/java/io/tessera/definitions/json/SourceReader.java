package io.tessera.definitions.json;

import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.FileFormat;
import io.tessera.definitions.view.JdbcBatchSource;
import io.tessera.definitions.view.KafkaSource;
import io.tessera.definitions.view.KinesisSource;
import io.tessera.definitions.view.PayloadFormat;
import io.tessera.definitions.view.StreamSource;
import io.tessera.definitions.window.DurationText;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Reads {@code source} and {@code batchSource}, both told apart by their {@code type}. */
final class SourceReader {

  /** Stands in for a source that cannot be read; validation stays quiet under its path. */
  static final StreamSource UNREADABLE_SOURCE = new KafkaSource("unreadable", PayloadFormat.JSON);

  private SourceReader() {}

  static StreamSource readSource(JsonNode node, String path, ReadContext context) {
    Optional<JsonObject> object =
        JsonObject.of(
            node, path, context, "type", "topic", "stream", "region", "endpoint", "format");
    if (object.isEmpty()) {
      return UNREADABLE_SOURCE;
    }
    JsonObject source = object.get();
    Optional<String> type = source.requiredString("type");
    if (type.isEmpty()) {
      return UNREADABLE_SOURCE;
    }
    PayloadFormat format =
        source
            .optionalString("format")
            .flatMap(text -> enumValue(PayloadFormat.class, text, source.pathOf("format"), context))
            .orElse(PayloadFormat.JSON);
    switch (type.get()) {
      case "kafka" -> {
        JsonObject kafka = JsonObject.of(node, path, context, "type", "topic", "format").get();
        Optional<String> topic = kafka.requiredString("topic");
        kafka.finish();
        return new KafkaSource(topic.orElse("unreadable"), format);
      }
      case "kinesis" -> {
        JsonObject kinesis =
            JsonObject.of(node, path, context, "type", "stream", "region", "endpoint", "format")
                .get();
        Optional<String> stream = kinesis.requiredString("stream");
        Optional<String> region = kinesis.requiredString("region");
        Optional<String> endpoint = kinesis.optionalString("endpoint");
        kinesis.finish();
        return new KinesisSource(
            stream.orElse("unreadable"), region.orElse("eu-west-1"), endpoint, format);
      }
      default -> {
        context.problem(
            source.pathOf("type"),
            "unknown source type '" + type.get() + "'; expected kafka or kinesis");
        return UNREADABLE_SOURCE;
      }
    }
  }

  static Optional<BatchSource> readBatchSource(JsonNode node, String path, ReadContext context) {
    Optional<JsonObject> object =
        JsonObject.of(
            node, path, context, "type", "format", "path", "url", "table", "query", "delay");
    if (object.isEmpty()) {
      return Optional.of(unreadableBatchSource());
    }
    Optional<String> type = object.get().requiredString("type");
    if (type.isEmpty()) {
      return Optional.of(unreadableBatchSource());
    }
    switch (type.get()) {
      case "files" -> {
        JsonObject files =
            JsonObject.of(node, path, context, "type", "format", "path", "delay").get();
        Optional<FileFormat> format =
            files
                .requiredString("format")
                .flatMap(
                    text -> enumValue(FileFormat.class, text, files.pathOf("format"), context));
        Optional<String> filePath = files.requiredString("path");
        long delayMs = delay(files);
        files.finish();
        return Optional.of(
            new FileBatchSource(
                format.orElse(FileFormat.PARQUET), filePath.orElse("unreadable"), delayMs));
      }
      case "jdbc" -> {
        JsonObject jdbc =
            JsonObject.of(node, path, context, "type", "url", "table", "query", "delay").get();
        Optional<String> url = jdbc.requiredString("url");
        Optional<String> table = jdbc.optionalString("table");
        Optional<String> query = jdbc.optionalString("query");
        long delayMs = delay(jdbc);
        jdbc.finish();
        return Optional.of(
            new JdbcBatchSource(url.orElse("jdbc:unreadable"), table, query, delayMs));
      }
      default -> {
        context.problem(
            object.get().pathOf("type"),
            "unknown batch source type '" + type.get() + "'; expected files or jdbc");
        return Optional.of(unreadableBatchSource());
      }
    }
  }

  /** The batch source's {@code delay}, or the default; a problem if it is not a duration. */
  private static long delay(JsonObject batch) {
    return batch
        .optionalString("delay")
        .flatMap(
            text -> {
              try {
                return Optional.of(DurationText.parseMs(text));
              } catch (IllegalArgumentException e) {
                batch.context().problem(batch.pathOf("delay"), e.getMessage());
                return Optional.empty();
              }
            })
        .orElse(BatchSource.DEFAULT_DELAY_MS);
  }

  /**
   * Stands in for a batch source that cannot be read. It is still a batch source, so the rule that
   * a view with one needs an event id is still checked.
   */
  private static BatchSource unreadableBatchSource() {
    return new FileBatchSource(FileFormat.PARQUET, "unreadable");
  }

  /** The constant whose lower-case name is {@code text}, or empty with a problem. */
  static <E extends Enum<E>> Optional<E> enumValue(
      Class<E> type, String text, String path, ReadContext context) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(constant);
      }
    }
    context.problem(
        path,
        "unknown value '"
            + text
            + "'; expected one of "
            + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
    return Optional.empty();
  }
}
