package io.tessera.ingest.push;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/push/{view}}: events for sources that are neither Kafka nor Kinesis. */
@RestController
class PushController {

  private final PushService service;

  PushController(PushService service) {
    this.service = service;
  }

  @Operation(
      summary = "Push a JSON array of events to a feature view",
      description =
          "Answers 200 once every event is durably in the normalized topic. If any event is"
              + " invalid, answers 400 problem+json listing each bad event by index, and publishes"
              + " nothing. Send an Idempotency-Key header to make retries safe for views without"
              + " an event-id column.")
  @PostMapping(
      path = "/api/v1/push/{view}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  PushResult push(
      @PathVariable String view,
      @RequestBody byte[] body,
      @RequestHeader(name = "Idempotency-Key", required = false) Optional<String> idempotencyKey) {
    return service.push(
        view, body, idempotencyKey.filter(k -> !k.isBlank()), System.currentTimeMillis());
  }
}
