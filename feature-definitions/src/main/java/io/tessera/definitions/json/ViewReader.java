package io.tessera.definitions.json;

import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.EventTime;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.view.PayloadSchema;
import io.tessera.definitions.view.StreamSource;
import io.tessera.definitions.view.TimeFormat;
import io.tessera.definitions.view.Transformation;
import io.tessera.definitions.window.DurationText;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads a feature view from its JSON tree, filling in defaults. See {@link Parsed}. */
final class ViewReader {

  static final String[] FIELDS = {
    "name",
    "entity",
    "source",
    "batchSource",
    "schema",
    "eventTime",
    "eventId",
    "transformation",
    "features",
    "resolutions",
    "allowedLateness",
    "retention",
    "expectedFreshness",
    "description",
    "owner",
    "tags"
  };

  private ViewReader() {}

  static Parsed<FeatureView> read(JsonNode root) {
    ReadContext context = new ReadContext();
    Optional<JsonObject> object = JsonObject.of(root, JsonPaths.ROOT, context, FIELDS);
    if (object.isEmpty()) {
      return new Parsed<>(Optional.empty(), context.problems(), context.suppressed());
    }
    JsonObject view = object.get();
    String name = view.requiredString("name").orElse("unreadable");
    List<String> entity = readEntity(view);
    StreamSource source =
        view.required("source")
            .map(node -> SourceReader.readSource(node, view.pathOf("source"), context))
            .orElse(SourceReader.UNREADABLE_SOURCE);
    Optional<BatchSource> batchSource =
        view.optional("batchSource")
            .flatMap(
                node -> SourceReader.readBatchSource(node, view.pathOf("batchSource"), context));
    PayloadSchema schema = readSchema(view);
    EventTime eventTime = readEventTime(view);
    Optional<String> eventId = view.optionalString("eventId");
    Transformation transformation = readTransformation(view);
    List<FeatureSpec> features =
        view.required("features")
            .map(node -> FeatureReader.readFeatures(node, view.pathOf("features"), context))
            .orElse(List.of());
    TileResolutions resolutions = readResolutions(view);
    long allowedLatenessMs =
        duration(view, "allowedLateness").orElse(FeatureView.DEFAULT_ALLOWED_LATENESS_MS);
    long retentionMs =
        duration(view, "retention")
            .orElseGet(() -> FeatureView.requiredRetentionMs(features, resolutions));
    long expectedFreshnessMs =
        duration(view, "expectedFreshness").orElse(FeatureView.DEFAULT_EXPECTED_FRESHNESS_MS);
    String description = view.optionalString("description").orElse("");
    String owner = view.optionalString("owner").orElse("");
    Map<String, String> tags = view.optionalStringMap("tags").orElse(Map.of());
    view.finish();
    FeatureView result =
        new FeatureView(
            name,
            entity,
            source,
            batchSource,
            schema,
            eventTime,
            eventId,
            transformation,
            features,
            resolutions,
            allowedLatenessMs,
            retentionMs,
            expectedFreshnessMs,
            description,
            owner,
            tags);
    return new Parsed<>(Optional.of(result), context.problems(), context.suppressed());
  }

  /** One column name, or an array of them for a composite key. */
  private static List<String> readEntity(JsonObject view) {
    List<String> entity = new ArrayList<>();
    view.required("entity")
        .ifPresent(
            node -> {
              if (node.isString()) {
                entity.add(node.stringValue());
              } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                  String path = JsonPaths.element(view.pathOf("entity"), i);
                  entity.add(view.asString(node.get(i), path).orElse("unreadable"));
                }
              } else {
                view.context()
                    .problem(
                        view.pathOf("entity"),
                        "expected a column name or an array of them" + JsonObject.found(node));
              }
            });
    return entity;
  }

  private static PayloadSchema readSchema(JsonObject view) {
    Map<String, ValueType> columns = new LinkedHashMap<>();
    view.required("schema")
        .flatMap(node -> JsonObject.of(node, view.pathOf("schema"), view.context()))
        .ifPresent(
            schema -> {
              for (String column : schemaColumns(view)) {
                String path = schema.pathOf(column);
                schema
                    .requiredString(column)
                    .flatMap(
                        text -> SourceReader.enumValue(ValueType.class, text, path, view.context()))
                    .ifPresentOrElse(
                        type -> columns.put(column, type),
                        // Every rule depends on the columns' types: check nothing else.
                        () -> view.context().suppress(JsonPaths.ROOT));
              }
            });
    return new PayloadSchema(columns);
  }

  private static List<String> schemaColumns(JsonObject view) {
    return new ArrayList<>(view.optional("schema").orElseThrow().propertyNames());
  }

  private static EventTime readEventTime(JsonObject view) {
    Optional<JsonObject> object =
        view.required("eventTime")
            .flatMap(
                node ->
                    JsonObject.of(
                        node, view.pathOf("eventTime"), view.context(), "field", "format"));
    if (object.isEmpty()) {
      return new EventTime("unreadable", TimeFormat.EPOCH_MILLIS);
    }
    JsonObject eventTime = object.get();
    Optional<String> field = eventTime.requiredString("field");
    Optional<TimeFormat> format =
        eventTime
            .requiredString("format")
            .flatMap(
                text ->
                    SourceReader.enumValue(
                        TimeFormat.class, text, eventTime.pathOf("format"), view.context()));
    eventTime.finish();
    if (field.isEmpty() || format.isEmpty()) {
      view.context().suppress(eventTime.path());
    }
    return new EventTime(field.orElse("unreadable"), format.orElse(TimeFormat.EPOCH_MILLIS));
  }

  private static Transformation readTransformation(JsonObject view) {
    Optional<JsonObject> object =
        view.optional("transformation")
            .flatMap(
                node ->
                    JsonObject.of(
                        node, view.pathOf("transformation"), view.context(), "filter", "derived"));
    if (object.isEmpty()) {
      return Transformation.NONE;
    }
    Optional<String> filter = object.get().optionalString("filter");
    Map<String, String> derived = object.get().optionalStringMap("derived").orElse(Map.of());
    object.get().finish();
    return new Transformation(filter, derived);
  }

  private static TileResolutions readResolutions(JsonObject view) {
    Optional<JsonNode> node = view.optional("resolutions");
    if (node.isEmpty()) {
      return TileResolutions.DEFAULT;
    }
    String path = view.pathOf("resolutions");
    if (!node.get().isArray()) {
      view.context().problem(path, "expected an array such as [\"1d\", \"1h\", \"1m\"]");
      return TileResolutions.DEFAULT;
    }
    List<Long> resolutionsMs = new ArrayList<>();
    boolean readable = true;
    for (int i = 0; i < node.get().size(); i++) {
      String elementPath = JsonPaths.element(path, i);
      Optional<String> text = view.asString(node.get().get(i), elementPath);
      try {
        if (text.isPresent()) {
          WindowSpec size = WindowSpec.parse(text.get());
          if (size.isLifetime()) {
            throw new IllegalArgumentException("a tile resolution cannot be 'lifetime'");
          }
          resolutionsMs.add(size.sizeMs());
          continue;
        }
      } catch (IllegalArgumentException e) {
        view.context().problem(elementPath, e.getMessage());
      }
      readable = false;
    }
    if (!readable) {
      return TileResolutions.DEFAULT;
    }
    List<String> problems = TileResolutions.problemsOf(resolutionsMs);
    problems.forEach(message -> view.context().problem(path, message));
    return problems.isEmpty() ? new TileResolutions(resolutionsMs) : TileResolutions.DEFAULT;
  }

  private static Optional<Long> duration(JsonObject view, String field) {
    return view.optionalString(field)
        .flatMap(
            text -> {
              try {
                return Optional.of(DurationText.parseMs(text));
              } catch (IllegalArgumentException e) {
                view.context().problem(view.pathOf(field), e.getMessage());
                return Optional.empty();
              }
            });
  }
}
