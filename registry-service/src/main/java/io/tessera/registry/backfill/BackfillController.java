package io.tessera.registry.backfill;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tessera.records.backfill.BackfillStatus;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/feature-views/{name}/backfills}: thin; every handler is one call to {@link
 * Backfills}.
 */
@RestController
@Tag(
    name = "Backfills",
    description =
        "Computing a view version's tiles from its history; run by the aggregation service")
class BackfillController {

  static final String PATH = "/api/v1/feature-views/{name}/backfills";

  private final Backfills backfills;

  BackfillController(Backfills backfills) {
    this.backfills = backfills;
  }

  @Operation(
      summary = "Start a backfill of a feature view",
      description =
          "Every field is optional: version defaults to the newest live version, from and to"
              + " (ISO-8601 instants, to exclusive) to the view's whole retention up to the"
              + " hand-over to the stream. 202 with the queued backfill and its Location. 404 for"
              + " an unknown or deleted view or an unknown version; 400 for a bad body, from not"
              + " before to, or a deleted version; 409 while a backfill of the same version is"
              + " queued or running (the detail names it). Needs scope write.")
  @PostMapping(PATH)
  ResponseEntity<BackfillResponse> start(
      @PathVariable String name,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = BackfillRequest.class),
                      examples =
                          @ExampleObject(
                              value =
                                  "{\"version\": 3, \"from\": \"2026-11-01T00:00:00Z\","
                                      + " \"to\": \"2026-11-05T00:00:00Z\"}")))
          @RequestBody(required = false)
          String body) {
    BackfillStatus queued = backfills.start(name, BackfillRequest.parse(body));
    URI location = URI.create(PATH.replace("{name}", name) + "/" + queued.id());
    return ResponseEntity.accepted().location(location).body(BackfillResponse.of(queued));
  }

  @Operation(summary = "List every backfill of a feature view, newest request first")
  @GetMapping(PATH)
  BackfillResponse.Listing list(@PathVariable String name) {
    return new BackfillResponse.Listing(
        name, backfills.list(name).stream().map(BackfillResponse::of).toList());
  }

  @Operation(
      summary = "Get one backfill: its state, range, counts, progress, rate and ETA",
      description = "Workers report every few seconds while it runs; 404 if unknown.")
  @GetMapping(PATH + "/{id}")
  BackfillResponse get(@PathVariable String name, @PathVariable String id) {
    return BackfillResponse.of(backfills.get(name, id));
  }

  @Operation(
      summary = "Cancel a backfill",
      description =
          "Asks the workers to stop it: 202 with its status as known now, which says cancelled"
              + " once a worker has stopped it. What it wrote stays. 404 if unknown; 409 if it has"
              + " ended. Needs scope write.")
  @DeleteMapping(PATH + "/{id}")
  ResponseEntity<BackfillResponse> cancel(@PathVariable String name, @PathVariable String id) {
    return ResponseEntity.accepted().body(BackfillResponse.of(backfills.cancel(name, id)));
  }
}
