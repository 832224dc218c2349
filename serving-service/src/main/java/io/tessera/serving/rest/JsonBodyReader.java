package io.tessera.serving.rest;

import org.springframework.core.codec.CodecException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;

/**
 * Reads a JSON request body into one type with one {@link ObjectReader}, as WebFlux's Jackson
 * decoder and {@code @RequestBody} did for the annotated controller, and failing the same ways: the
 * body is gathered up to {@code spring.codec.max-in-memory-size} and refused with {@code 413} as
 * soon as it crosses it, before any parsing; unreadable JSON (or the wrong shape) is a {@code 400}
 * "Failed to read HTTP message"; no body, or the JSON {@code null}, is a {@code 400} "No request
 * body". Without the reader lookup, codec negotiation and argument resolution of every request.
 *
 * @param <T> what the body is read into
 */
final class JsonBodyReader<T> {
  private final ObjectReader reader;
  private final int maxBytes;

  JsonBodyReader(ObjectReader reader, int maxBytes) {
    this.reader = reader;
    this.maxBytes = maxBytes;
  }

  /** The largest body read: a longer one is refused with {@code 413}. */
  int maxBytes() {
    return maxBytes;
  }

  /** Bytes already read, as JSON; null for the JSON {@code null}, else a Jackson failure. */
  T readValue(byte[] json) {
    return reader.readValue(json);
  }

  /** The body, or an error the problem-details handler answers as before. */
  Mono<T> read(ServerRequest request) {
    return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBytes)
        .onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new)
        .<T>handle(
            (buffer, sink) -> {
              T value;
              try {
                value = decode(buffer);
              } catch (RuntimeException e) {
                sink.error(e);
                return;
              }
              if (value != null) {
                sink.next(value);
              }
            })
        .switchIfEmpty(Mono.error(JsonBodyReader::noBody));
  }

  /** As {@code @RequestBody} refused a missing body: its reason, and its detail for the caller. */
  private static ServerWebInputException noBody() {
    ServerWebInputException missing =
        new ServerWebInputException(
            "No request body", null, new DecodingException("No request body"));
    missing.setDetail("Invalid request content");
    return missing;
  }

  /**
   * The bytes as JSON, whatever charset the {@code Content-Type} names: Jackson detects UTF-8, 16
   * and 32, and the codec did not transcode others for a single value either.
   */
  private T decode(DataBuffer buffer) {
    try {
      return reader.readValue(buffer.asInputStream());
    } catch (InvalidDefinitionException e) { // a bug of ours, not the caller's: a 500
      throw new CodecException("Type definition error: " + e.getType(), e);
    } catch (JacksonException e) {
      throw new ServerWebInputException(
          "Failed to read HTTP message",
          null,
          new DecodingException("JSON decoding error: " + e.getOriginalMessage(), e));
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
