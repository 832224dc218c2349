package io.tessera.ingest.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/dead-letters/{view}:replay} starts a replay job; {@code GET} and {@code
 * DELETE /api/v1/dead-letters/replays/{id}} show and cancel it. A thin adapter over {@link
 * ReplayJobs}.
 */
@RestController
class DeadLetterController {

  static final String JOBS = "/api/v1/dead-letters/replays/";

  private final ReplayJobs jobs;

  DeadLetterController(ReplayJobs jobs) {
    this.jobs = jobs;
  }

  @Operation(
      summary = "Replay a view's dead letters through its current definition, as a job",
      description =
          "Answers 202 at once with the job's status and its Location. The job feeds every dead"
              + " letter of the view not replayed before through the view's newest version;"
              + " GET the Location for its progress (scanned of toScan, replayed, passed,"
              + " filtered, failed again, skipped) and state. 409 while a replay of the view runs.")
  @PostMapping("/api/v1/dead-letters/{view}:replay")
  ResponseEntity<ReplayStatus> replay(@PathVariable String view) {
    ReplayStatus started = jobs.start(view);
    return ResponseEntity.accepted().location(URI.create(JOBS + started.id())).body(started);
  }

  @Operation(summary = "A replay job's state and progress")
  @GetMapping(JOBS + "{id}")
  ReplayStatus status(@PathVariable String id) {
    return jobs.status(id).orElseThrow(() -> ReplayRejectedException.unknownJob(id));
  }

  @Operation(
      summary = "Cancels a replay job",
      description =
          "The job stops after its current batch, which it commits: the next replay of the view"
              + " goes on from there.")
  @DeleteMapping(JOBS + "{id}")
  ReplayStatus cancel(@PathVariable String id) {
    return jobs.cancel(id).orElseThrow(() -> ReplayRejectedException.unknownJob(id));
  }
}
