package io.tessera.serving.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.service.security.Access;
import io.tessera.service.security.BearerCredentials;
import io.tessera.serving.online.EntityVector;
import io.tessera.serving.online.FeatureRequest;
import io.tessera.serving.online.FeatureServingService;
import io.tessera.serving.online.ServingException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * The two feature reads taken straight from the HTTP adapter to {@link FeaturesHandler}'s answer,
 * in front of WebFlux's whole request path (exchange, Spring Security's filter chain, dispatcher,
 * route, result handling), which were 15–26% of serving's profile in the serving benchmark. A
 * same-evening A/B measured no difference in CPU per request at 1,000/s beyond run-to-run
 * variation, and more requests answered at 2,000/s (docs/benchmarks/serving.md).
 *
 * <p>Only a read that is plainly well-formed and allowed is taken: the exact path (no encoding, no
 * base path, no query string on the {@code POST}), the one method, a JSON {@code Content-Type}, an
 * {@code Accept} that takes JSON, no {@code Origin} (CORS), no TLS, headers and parameters the
 * security firewall would let through, and a bearer credential that grants the read (or reads
 * open). Every other request goes on to the whole path unchanged, which answers it as before: 401,
 * 403, 405, 406, 415, OPTIONS, HEAD. The service's own refusals ({@link ServingProblems}) are
 * written here as the whole path writes them. A body the service never sees (none, over the codec's
 * limit, unreadable JSON) goes on to the whole path with what was read of it, so Boot's handlers
 * answer it as before.
 *
 * <p>What the whole path adds to an answer is added here as well: the security headers Spring
 * Security writes ({@code TransportIT} compares both paths' headers and bodies).
 */
final class DirectFeatureReads implements HttpHandler {
  static final String DIRECT_METER = "tessera.serving.rest.direct";

  /** The request headers read here, checked as the firewall checks them when they are read. */
  private static final List<String> READ_HEADERS =
      List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);

  /**
   * Spring Security's default headers for a plain-HTTP answer (no HSTS without TLS), in its order.
   */
  private static final List<Map.Entry<String, String>> SECURITY_HEADERS =
      List.of(
          Map.entry(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate"),
          Map.entry(HttpHeaders.PRAGMA, "no-cache"),
          Map.entry(HttpHeaders.EXPIRES, "0"),
          Map.entry("X-Content-Type-Options", "nosniff"),
          Map.entry("X-Frame-Options", "DENY"),
          Map.entry("X-XSS-Protection", "0"),
          Map.entry("Referrer-Policy", "no-referrer"));

  private final HttpHandler whole;
  private final FeatureServingService serving;
  private final JsonBodyReader<FeaturesRequestBody> bodies;
  private final FeaturesJsonWriter json;
  private final Access access;
  private final BearerCredentials credentials;
  private final Counter answered;
  private final Counter handedOn;

  DirectFeatureReads(
      HttpHandler whole,
      FeatureServingService serving,
      JsonBodyReader<FeaturesRequestBody> bodies,
      FeaturesJsonWriter json,
      Access access,
      BearerCredentials credentials,
      MeterRegistry meters) {
    this.whole = whole;
    this.serving = serving;
    this.bodies = bodies;
    this.json = json;
    this.access = access;
    this.credentials = credentials;
    this.answered =
        Counter.builder(DIRECT_METER)
            .tag("outcome", "answered")
            .description("feature reads answered without WebFlux's request path")
            .register(meters);
    this.handedOn =
        Counter.builder(DIRECT_METER)
            .tag("outcome", "handed_on")
            .description("feature reads taken directly that went on to the whole path: refusals")
            .register(meters);
  }

  @Override
  public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
    String path = request.getURI().getRawPath();
    HttpMethod method = request.getMethod();
    if (HttpMethod.POST.equals(method)
        && FeatureReadPaths.FEATURES.equals(path)
        && request.getURI().getRawQuery() == null
        && jsonBody(request)
        && taken(request)) {
      return DataBufferUtils.join(request.getBody(), bodies.maxBytes())
          .map(DirectFeatureReads::bytes)
          .materialize()
          .flatMap(body -> features(request, response, body));
    } else if (HttpMethod.GET.equals(method) && request.getURI().getRawQuery() != null) {
      Matcher oneEntity = FeatureReadPaths.ONE_ENTITY_PLAIN.matcher(path);
      if (oneEntity.matches() && plainParameters(request.getQueryParams()) && taken(request)) {
        String featureService = oneEntity.group(1);
        return answer(
            response,
            request,
            () -> FeaturesHandler.oneEntityRequest(featureService, request.getQueryParams()),
            (vectors, buffers) -> json.vector(vectors.get(0), buffers));
      }
    }
    return whole.handle(request, response);
  }

  /** {@code POST /api/v1/features} once its body is read (or failed: over the limit). */
  private Mono<Void> features(
      ServerHttpRequest request, ServerHttpResponse response, Signal<byte[]> body) {
    if (!body.hasValue()) {
      Flux<byte[]> none = body.isOnError() ? Flux.error(body.getThrowable()) : Flux.empty();
      return handOn(replayed(request, none), response);
    }
    byte[] bytes = body.get();
    return answer(
        response,
        replayed(request, Flux.just(bytes)),
        () -> FeaturesHandler.featureRequest(bodies.readValue(bytes)),
        json::answer);
  }

  /**
   * Whether this read is taken here: plain HTTP, plain headers, an {@code Accept} that takes JSON
   * and a caller the read is allowed to.
   */
  private boolean taken(ServerHttpRequest request) {
    return request.getSslInfo() == null && plainHeaders(request.getHeaders()) && allowed(request);
  }

  /**
   * The read's JSON answer; the problem of a {@link ServingException} (an invalid request, an
   * unknown feature service, all-or-nothing unavailable), as {@link ServingProblems} answers it, so
   * the read is not made twice; the whole path's answer to {@code original} when anything else
   * fails before the answer is written.
   */
  private Mono<Void> answer(
      ServerHttpResponse response, ServerHttpRequest original, Mapping mapping, Writing writing) {
    DataBufferFactory buffers = response.bufferFactory();
    return Mono.defer(() -> Mono.fromCompletionStage(serving.getFeatures(mapping.request())))
        .map(vectors -> writing.write(vectors, buffers))
        .materialize()
        .flatMap(
            signal -> {
              if (signal.hasValue()) {
                answered.increment();
                return write(response, HttpStatus.OK, MediaType.APPLICATION_JSON, signal.get());
              }
              if (cause(signal.getThrowable()) instanceof ServingException refused) {
                answered.increment();
                ProblemDetail problem = ServingProblems.problem(refused);
                problem.setInstance(URI.create(original.getPath().value()));
                return write(
                    response,
                    HttpStatus.valueOf(problem.getStatus()),
                    MediaType.APPLICATION_PROBLEM_JSON,
                    json.problem(problem, buffers));
              }
              return handOn(original, response);
            });
  }

  /** What failed, out of the completion wrapper a stage may put around it. */
  private static Throwable cause(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A read taken here that the whole path answers after all: a refusal. */
  private Mono<Void> handOn(ServerHttpRequest request, ServerHttpResponse response) {
    handedOn.increment();
    return whole.handle(request, response);
  }

  private static Mono<Void> write(
      ServerHttpResponse response, HttpStatus status, MediaType type, DataBuffer body) {
    response.setStatusCode(status);
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(type);
    headers.setContentLength(body.readableByteCount());
    SECURITY_HEADERS.forEach(header -> headers.set(header.getKey(), header.getValue()));
    return response.writeWith(Mono.just(body));
  }

  /**
   * The request again, its body what was read from it: the bytes, nothing, or the failure (a body
   * over the limit: the whole path answers it with its 413).
   */
  private static ServerHttpRequest replayed(ServerHttpRequest request, Flux<byte[]> body) {
    return new ServerHttpRequestDecorator(request) {
      @Override
      public Flux<DataBuffer> getBody() {
        return body.map(DefaultDataBufferFactory.sharedInstance::wrap);
      }
    };
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  /**
   * Reads open, or a bearer credential that grants them; anything else (none, refused, too little
   * scope) is answered by the whole path's access filter, with its 401 or 403.
   */
  private boolean allowed(ServerHttpRequest request) {
    if (access instanceof Access.Open) {
      return true;
    }
    try {
      Optional<String> credential =
          BearerCredentials.fromAuthorization(
              request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
      return credential.isPresent() && access.allows(credentials.authenticate(credential.get()));
    } catch (AuthenticationException e) {
      return false;
    }
  }

  /** A JSON {@code Content-Type}, as the route admits it. */
  private static boolean jsonBody(ServerHttpRequest request) {
    String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
    if (MediaType.APPLICATION_JSON_VALUE.equals(contentType)) {
      return true;
    }
    try {
      return contentType != null
          && MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /**
   * No {@code Origin} (CORS is the whole path's), the headers read here as Spring Security's
   * firewall admits them, and an {@code Accept} that takes JSON.
   */
  private static boolean plainHeaders(HttpHeaders headers) {
    if (headers.containsHeader(HttpHeaders.ORIGIN)) {
      return false;
    }
    for (String name : READ_HEADERS) {
      for (String value : headers.getValuesAsList(name)) {
        if (!StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value)) {
          return false;
        }
      }
    }
    List<String> accept = headers.getValuesAsList(HttpHeaders.ACCEPT);
    return accept.isEmpty() || EndpointConditions.acceptsJson(accept);
  }

  /** Query parameters as the firewall admits them when they are read. */
  private static boolean plainParameters(MultiValueMap<String, String> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      if (!StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES.test(parameter.getKey())) {
        return false;
      }
      for (String value : parameter.getValue()) {
        if (!StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_VALUES.test(value)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The service's request, from what was read; throws what the whole path answers as a 4xx. */
  @FunctionalInterface
  private interface Mapping {
    FeatureRequest request();
  }

  /** The JSON answer of the read's vectors. */
  @FunctionalInterface
  private interface Writing {
    DataBuffer write(List<EntityVector> vectors, DataBufferFactory buffers);
  }
}
