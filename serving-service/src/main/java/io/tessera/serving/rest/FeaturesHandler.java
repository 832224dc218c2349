package io.tessera.serving.rest;

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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/features} and the one-entity {@code GET}; a thin adapter, as the annotated
 * controller was, with fewer layers ({@link FeaturesRoute} says why). Handlers run on a Reactor
 * Netty event loop: they check and map the request, call the service (which only starts reads) and
 * return its stage as a {@link Mono}, so no thread waits for the store. The JSON answer is written
 * where the last read completes; a {@link ServingException} becomes problem+json in {@link
 * ServingProblems}.
 */
final class FeaturesHandler {
  private static final EndpointConditions POST_FEATURES =
      new EndpointConditions(HttpMethod.POST, true);
  private static final EndpointConditions GET_ONE_ENTITY =
      new EndpointConditions(HttpMethod.GET, false);

  private final FeatureServingService serving;
  private final JsonBodyReader<FeaturesRequestBody> bodies;
  private final FeaturesJsonWriter json;

  FeaturesHandler(
      FeatureServingService serving,
      JsonBodyReader<FeaturesRequestBody> bodies,
      FeaturesJsonWriter json) {
    this.serving = serving;
    this.bodies = bodies;
    this.json = json;
  }

  Mono<ServerResponse> features(ServerRequest request) {
    Mono<ServerResponse> refusal = POST_FEATURES.refusal(request);
    if (refusal != null) {
      return refusal;
    }
    DataBufferFactory buffers = request.exchange().getResponse().bufferFactory();
    return bodies
        .read(request)
        .flatMap(body -> Mono.fromCompletionStage(serving.getFeatures(featureRequest(body))))
        .flatMap(vectors -> ok(json.answer(vectors, buffers)));
  }

  Mono<ServerResponse> oneEntity(ServerRequest request) {
    Mono<ServerResponse> refusal = GET_ONE_ENTITY.refusal(request);
    if (refusal != null) {
      return refusal;
    }
    FeatureRequest featureRequest;
    try {
      featureRequest =
          oneEntityRequest(request.pathVariable("featureService"), request.queryParams());
    } catch (RuntimeException e) { // a ServingException: a 400 problem, as from the controller
      return Mono.error(e);
    }
    DataBufferFactory buffers = request.exchange().getResponse().bufferFactory();
    return Mono.fromCompletionStage(serving.getFeatures(featureRequest))
        .flatMap(vectors -> ok(json.vector(vectors.get(0), buffers)));
  }

  /**
   * Entities as key maps; a null, a key neither text nor a whole number, or text that is not
   * Unicode is a 400, as is a null among the references.
   */
  static FeatureRequest featureRequest(FeaturesRequestBody body) {
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
    return new FeatureRequest(
        new FeatureSelection(body.featureService(), body.features()),
        entities,
        body.at(),
        Boolean.TRUE.equals(body.allOrNothing()));
  }

  /** Every query parameter but {@code at} and {@code allOrNothing} is a key column. */
  static FeatureRequest oneEntityRequest(
      String featureService, MultiValueMap<String, String> parameters) {
    // the first value of each parameter, as @RequestParam Map<String, String> bound them
    Map<String, String> keys = new LinkedHashMap<>(parameters.toSingleValueMap());
    String at = keys.remove("at");
    boolean allOrNothing = Boolean.parseBoolean(keys.remove("allOrNothing"));
    Instant atTime;
    try {
      atTime = at == null ? null : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw ServingException.invalid(List.of("'at' is not an ISO-8601 instant: " + at));
    }
    return new FeatureRequest(
        FeatureSelection.ofService(featureService), List.of(keys), atTime, allOrNothing);
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

  /**
   * 200 with the JSON answer, its length declared as Spring's encoder declared it; written as the
   * one buffer it is, with no codec in between.
   */
  private static Mono<ServerResponse> ok(DataBuffer body) {
    return ServerResponse.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .contentLength(body.readableByteCount())
        .body(BodyInserters.fromDataBuffers(Mono.just(body)));
  }
}
