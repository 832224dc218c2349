package io.tessera.serving.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tessera.service.security.Access;
import io.tessera.service.security.BearerCredentials;
import io.tessera.serving.online.FeatureServingService;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.AbstractJacksonDecoder;
import org.springframework.http.codec.AbstractJacksonEncoder;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The feature reads as a functional route, not an annotated controller: in the serving benchmark (1
 * entity, 18 values) WebFlux's annotated-handler machinery (handler-method mapping, argument
 * resolution, codec negotiation, result handling) took a third of the REST event loop, HTTP codecs
 * and Jackson's record walk another fifth, and the read itself a fifth. Here a path selects the
 * handler, {@link JsonBodyReader} reads the body with one {@code ObjectReader} and {@link
 * FeaturesJsonWriter} writes the answer straight into the response's buffer. What the annotated
 * path did for these requests is kept: {@link EndpointConditions} (405, 415, 406), the body limit
 * and read errors (413, 400), problem+json from the same exception handlers, the security filter in
 * front (a route is a handler like any other for {@code WebFilter}s), and the OpenAPI document (the
 * annotations below).
 *
 * <p>The JSON reader and writer use the very mapper and limit of the application's JSON codec, so a
 * body is read, and an answer written, as the codec did.
 */
@Configuration(proxyBeanMethods = false)
class FeaturesRoute {
  private static final String FEATURES = FeatureReadPaths.FEATURES;
  private static final String ONE_ENTITY = FeatureReadPaths.ONE_ENTITY;

  /** The operations' tag when they were {@code FeaturesController}'s, kept for API clients. */
  private static final String TAG = "features-controller";

  @Bean
  @RouterOperations({
    @RouterOperation(
        path = FEATURES,
        method = RequestMethod.POST,
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE,
        operation =
            @Operation(
                operationId = "features",
                tags = TAG,
                summary = "Feature vectors of one or many entities",
                description =
                    "Values per entity in a stable order (the features in order, each feature's"
                        + " windows in definition order), each with a status (present, not_found,"
                        + " stale, unavailable) and the newest contributing event time.",
                requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                        required = true,
                        content =
                            @Content(
                                mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = FeaturesRequestBody.class),
                                examples = {
                                  @ExampleObject(
                                      name = "feature service, one entity",
                                      value =
                                          "{\"featureService\": \"fraud_model\", \"entities\":"
                                              + " [{\"user_id\": \"u1\"}]}"),
                                  @ExampleObject(
                                      name = "explicit features, batch, past time",
                                      value =
                                          "{\"features\": [\"user_transactions:spend\","
                                              + " \"user_transactions@1:txn_count\"],"
                                              + " \"entities\": [{\"user_id\": \"u1\"},"
                                              + " {\"user_id\": \"u2\"}],"
                                              + " \"at\": \"2026-03-10T14:37:25.120Z\"}"),
                                  @ExampleObject(
                                      name = "all or nothing",
                                      value =
                                          "{\"featureService\": \"fraud_model\", \"entities\":"
                                              + " [{\"user_id\": \"u1\"}], \"allOrNothing\": true}")
                                })),
                responses =
                    @ApiResponse(
                        responseCode = "200",
                        description = "OK",
                        content =
                            @Content(
                                mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema = @Schema(implementation = FeaturesResponseBody.class))))),
    @RouterOperation(
        path = ONE_ENTITY,
        method = RequestMethod.GET,
        produces = MediaType.APPLICATION_JSON_VALUE,
        operation =
            @Operation(
                operationId = "oneEntity",
                tags = TAG,
                summary = "The vector of one entity for a feature service",
                description =
                    "Every query parameter other than 'at' and 'allOrNothing' is a key column:"
                        + " /api/v1/feature-services/fraud_model/features?user_id=u1",
                parameters = {
                  @Parameter(
                      name = "featureService",
                      in = ParameterIn.PATH,
                      required = true,
                      schema = @Schema(type = "string")),
                  @Parameter(
                      name = "query",
                      in = ParameterIn.QUERY,
                      required = true,
                      description = "key columns, such as user_id=u1",
                      schema = @Schema(type = "object", additionalPropertiesSchema = String.class))
                },
                responses =
                    @ApiResponse(
                        responseCode = "200",
                        description = "OK",
                        content =
                            @Content(
                                mediaType = MediaType.APPLICATION_JSON_VALUE,
                                schema =
                                    @Schema(implementation = FeaturesResponseBody.Vector.class)))))
  })
  RouterFunction<ServerResponse> featureReads(
      FeatureServingService serving, ServerCodecConfigurer codecs) {
    FeaturesHandler handler = new FeaturesHandler(serving, bodyReader(codecs), jsonWriter(codecs));
    // the path alone: EndpointConditions answers a wrong method or media type as the mapping did
    return RouterFunctions.route(RequestPredicates.path(FEATURES), handler::features)
        .andRoute(RequestPredicates.path(ONE_ENTITY), handler::oneEntity);
  }

  /**
   * The two reads straight to their answer, in front of WebFlux's request path, when they are
   * plainly well-formed and allowed ({@link DirectFeatureReads}); every other request, and every
   * read it does not take, goes the whole way to the route above. {@code
   * tessera.serving.direct-reads=false} sends every read the whole way.
   */
  @Bean
  @ConditionalOnProperty(
      name = "tessera.serving.direct-reads",
      havingValue = "true",
      matchIfMissing = true)
  WebHttpHandlerBuilderCustomizer directFeatureReads(
      FeatureServingService serving,
      ServerCodecConfigurer codecs,
      Access featureReadAccess,
      BearerCredentials credentials,
      MeterRegistry meters) {
    JsonBodyReader<FeaturesRequestBody> bodies = bodyReader(codecs);
    FeaturesJsonWriter json = jsonWriter(codecs);
    return builder ->
        builder.httpHandlerDecorator(
            whole ->
                new DirectFeatureReads(
                    whole, serving, bodies, json, featureReadAccess, credentials, meters));
  }

  /** The body reader of both paths: the codec's mapper and limit. */
  private static JsonBodyReader<FeaturesRequestBody> bodyReader(ServerCodecConfigurer codecs) {
    AbstractJacksonDecoder<?> decoder = jsonDecoder(codecs);
    return new JsonBodyReader<>(
        decoder.getMapper().readerFor(FeaturesRequestBody.class), decoder.getMaxInMemorySize());
  }

  private static FeaturesJsonWriter jsonWriter(ServerCodecConfigurer codecs) {
    return new FeaturesJsonWriter(jsonEncoder(codecs).getMapper());
  }

  /** The decoder {@code @RequestBody FeaturesRequestBody} was read with: the first that can. */
  private static AbstractJacksonDecoder<?> jsonDecoder(ServerCodecConfigurer codecs) {
    ResolvableType type = ResolvableType.forClass(FeaturesRequestBody.class);
    for (HttpMessageReader<?> reader : codecs.getReaders()) {
      if (reader.canRead(type, MediaType.APPLICATION_JSON)) {
        if (reader instanceof DecoderHttpMessageReader<?> decoding
            && decoding.getDecoder() instanceof AbstractJacksonDecoder<?> jackson) {
          return jackson;
        }
        break;
      }
    }
    throw new IllegalStateException("no Jackson decoder reads application/json");
  }

  /** The encoder the answers were written with: the first that can. */
  private static AbstractJacksonEncoder<?> jsonEncoder(ServerCodecConfigurer codecs) {
    ResolvableType type = ResolvableType.forClass(FeaturesResponseBody.class);
    for (HttpMessageWriter<?> writer : codecs.getWriters()) {
      if (writer.canWrite(type, MediaType.APPLICATION_JSON)) {
        if (writer instanceof EncoderHttpMessageWriter<?> encoding
            && encoding.getEncoder() instanceof AbstractJacksonEncoder<?> jackson) {
          return jackson;
        }
        break;
      }
    }
    throw new IllegalStateException("no Jackson encoder writes application/json");
  }
}
