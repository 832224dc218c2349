package io.tessera.serving.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.tessera.definitions.json.UnicodeText;
import io.tessera.serving.online.FeatureRequest;
import io.tessera.serving.online.FeatureSelection;
import io.tessera.serving.online.FeatureServingService;
import io.tessera.serving.online.ServingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/features} and the one-entity {@code GET}; a thin adapter. Handlers run on a
 * Reactor Netty event loop: they map and check the request, call the service (which only starts
 * reads) and return its stage as a {@link Mono}, so no thread waits for the store. The JSON answer
 * is written when the last read completes; a {@link ServingException} becomes problem+json in
 * {@link ServingProblems}.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class FeaturesController {
  private final FeatureServingService serving;

  FeaturesController(FeatureServingService serving) {
    this.serving = serving;
  }

  @Operation(
      summary = "Feature vectors of one or many entities",
      description =
          "Values per entity in a stable order (the features in order, each feature's windows in"
              + " definition order), each with a status (present, not_found, stale, unavailable)"
              + " and the newest contributing event time.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              examples = {
                @ExampleObject(
                    name = "feature service, one entity",
                    value =
                        "{\"featureService\": \"fraud_model\", \"entities\": [{\"user_id\": \"u1\"}]}"),
                @ExampleObject(
                    name = "explicit features, batch, past time",
                    value =
                        "{\"features\": [\"user_transactions:spend\", \"user_transactions@1:txn_count\"],"
                            + " \"entities\": [{\"user_id\": \"u1\"}, {\"user_id\": \"u2\"}],"
                            + " \"at\": \"2026-03-10T14:37:25.120Z\"}"),
                @ExampleObject(
                    name = "all or nothing",
                    value =
                        "{\"featureService\": \"fraud_model\", \"entities\": [{\"user_id\": \"u1\"}],"
                            + " \"allOrNothing\": true}")
              }))
  @PostMapping(path = "/features", consumes = MediaType.APPLICATION_JSON_VALUE)
  Mono<FeaturesResponseBody> features(@RequestBody FeaturesRequestBody body) {
    List<Map<String, String>> entities = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Map<String, Object>> given = body.entities() == null ? List.of() : body.entities();
    for (int i = 0; i < given.size(); i++) {
      entities.add(keys(given.get(i), i, errors));
    }
    errors.addAll(FeatureSelection.nullReferences(body.features()));
    if (!errors.isEmpty()) {
      throw ServingException.invalid(errors);
    }
    FeatureSelection selection = new FeatureSelection(body.featureService(), body.features());
    return Mono.fromCompletionStage(
            serving.getFeatures(
                new FeatureRequest(
                    selection, entities, body.at(), Boolean.TRUE.equals(body.allOrNothing()))))
        .map(FeaturesResponseBody::of);
  }

  @Operation(
      summary = "The vector of one entity for a feature service",
      description =
          "Every query parameter other than 'at' and 'allOrNothing' is a key column:"
              + " /api/v1/feature-services/fraud_model/features?user_id=u1")
  @GetMapping("/feature-services/{featureService}/features")
  Mono<FeaturesResponseBody.Vector> oneEntity(
      @PathVariable String featureService,
      @Parameter(description = "key columns, such as user_id=u1") @RequestParam
          Map<String, String> query) {
    Map<String, String> keys = new LinkedHashMap<>(query);
    String at = keys.remove("at");
    boolean allOrNothing = Boolean.parseBoolean(keys.remove("allOrNothing"));
    Instant atTime;
    try {
      atTime = at == null ? null : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw ServingException.invalid(List.of("'at' is not an ISO-8601 instant: " + at));
    }
    return Mono.fromCompletionStage(
            serving.getFeatures(
                new FeatureRequest(
                    FeatureSelection.ofService(featureService),
                    List.of(keys),
                    atTime,
                    allOrNothing)))
        .map(vectors -> FeaturesResponseBody.Vector.of(vectors.get(0)));
  }

  private static Map<String, String> keys(
      Map<String, Object> entity, int index, List<String> errors) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (entity == null) {
      errors.add("entities[" + index + "] is null");
      return keys;
    }
    entity.forEach(
        (column, value) -> {
          if (!UnicodeText.isUnicode(column)
              || value instanceof String text && !UnicodeText.isUnicode(text)) {
            // UTF-8 would read another entity's key: '?' in place of the lone surrogate
            errors.add("entities[" + index + "] holds text that is not valid Unicode");
          } else if (value instanceof String text) {
            keys.put(column, text);
          } else if (value instanceof Integer || value instanceof Long) {
            keys.put(column, value.toString());
          } else {
            errors.add(
                "entities["
                    + index
                    + "]."
                    + column
                    + " must be a string or a whole number, was "
                    + value);
          }
        });
    return keys;
  }
}
