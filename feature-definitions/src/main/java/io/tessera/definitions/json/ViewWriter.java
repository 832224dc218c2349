package io.tessera.definitions.json;

import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.JdbcBatchSource;
import io.tessera.definitions.view.KafkaSource;
import io.tessera.definitions.view.KinesisSource;
import io.tessera.definitions.view.StreamSource;
import io.tessera.definitions.window.DurationText;
import io.tessera.definitions.window.WindowSpec;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a feature view as JSON with every default filled in, durations in their canonical text
 * ({@code 60m} is written {@code 1h}), in the order the documentation lists the fields.
 */
final class ViewWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ViewWriter() {}

  static ObjectNode write(FeatureView view) {
    ObjectNode json = NODES.objectNode();
    json.put("name", view.name());
    ArrayNode entity = json.putArray("entity");
    view.entity().forEach(entity::add);
    json.set("source", source(view.source()));
    view.batchSource().ifPresent(batch -> json.set("batchSource", batchSource(batch)));
    ObjectNode schema = json.putObject("schema");
    view.schema()
        .columns()
        .forEach((column, type) -> schema.put(column, type.name().toLowerCase(Locale.ROOT)));
    ObjectNode eventTime = json.putObject("eventTime");
    eventTime.put("field", view.eventTime().field());
    eventTime.put("format", view.eventTime().format().jsonName());
    view.eventId().ifPresent(id -> json.put("eventId", id));
    ObjectNode transformation = json.putObject("transformation");
    view.transformation().filter().ifPresent(filter -> transformation.put("filter", filter));
    ObjectNode derived = transformation.putObject("derived");
    view.transformation().derived().forEach(derived::put);
    ArrayNode features = json.putArray("features");
    view.features().forEach(feature -> features.add(feature(feature)));
    ArrayNode resolutions = json.putArray("resolutions");
    view.resolutions().resolutionsMs().forEach(ms -> resolutions.add(DurationText.format(ms)));
    json.put("allowedLateness", DurationText.format(view.allowedLatenessMs()));
    json.put("retention", DurationText.format(view.retentionMs()));
    json.put("expectedFreshness", DurationText.format(view.expectedFreshnessMs()));
    json.put("description", view.description());
    json.put("owner", view.owner());
    json.set("tags", tags(view.tags()));
    return json;
  }

  static ObjectNode tags(Map<String, String> tags) {
    ObjectNode json = NODES.objectNode();
    tags.forEach(json::put);
    return json;
  }

  private static ObjectNode source(StreamSource source) {
    ObjectNode json = NODES.objectNode();
    if (source instanceof KafkaSource kafka) {
      json.put("type", "kafka");
      json.put("topic", kafka.topic());
    } else if (source instanceof KinesisSource kinesis) {
      json.put("type", "kinesis");
      json.put("stream", kinesis.stream());
      json.put("region", kinesis.region());
      kinesis.endpoint().ifPresent(endpoint -> json.put("endpoint", endpoint));
    }
    json.put("format", source.format().jsonName());
    return json;
  }

  private static ObjectNode batchSource(BatchSource batchSource) {
    ObjectNode json = NODES.objectNode();
    if (batchSource instanceof FileBatchSource files) {
      json.put("type", "files");
      json.put("format", files.format().jsonName());
      json.put("path", files.path());
    } else if (batchSource instanceof JdbcBatchSource jdbc) {
      json.put("type", "jdbc");
      json.put("url", jdbc.url());
      jdbc.table().ifPresent(table -> json.put("table", table));
      jdbc.query().ifPresent(query -> json.put("query", query));
    }
    // only when set: definitions written before the field keep their canonical form and hash
    if (batchSource.delayMs() != BatchSource.DEFAULT_DELAY_MS) {
      json.put("delay", DurationText.format(batchSource.delayMs()));
    }
    return json;
  }

  private static ObjectNode feature(FeatureSpec feature) {
    ObjectNode json = NODES.objectNode();
    json.put("name", feature.name());
    json.put("function", feature.function().jsonName());
    if (!feature.params().isEmpty()) {
      ObjectNode params = json.putObject("params");
      feature
          .sortedParams()
          .forEach(
              (parameter, value) -> {
                if (value instanceof Long whole) {
                  params.put(parameter.jsonName(), whole);
                } else {
                  params.put(parameter.jsonName(), value.doubleValue());
                }
              });
    }
    feature.input().ifPresent(input -> json.put("input", input));
    ArrayNode windows = json.putArray("windows");
    feature.windows().stream().map(WindowSpec::toString).forEach(windows::add);
    feature
        .defaultValue()
        .ifPresent(
            value -> {
              if (value instanceof Long whole) {
                json.put("default", whole);
              } else if (value instanceof Double fraction) {
                json.put("default", fraction);
              } else if (value instanceof Boolean bool) {
                json.put("default", bool);
              } else {
                json.put("default", (String) value);
              }
            });
    return json;
  }
}
