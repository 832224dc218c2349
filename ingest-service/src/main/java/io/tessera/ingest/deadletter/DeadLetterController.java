package io.tessera.ingest.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/dead-letters/{view}:replay}. */
@RestController
class DeadLetterController {

  private final DeadLetterReplay replay;

  DeadLetterController(DeadLetterReplay replay) {
    this.replay = replay;
  }

  @Operation(
      summary = "Replay a view's dead letters through its current definition",
      description =
          "Feeds every dead letter of the view not replayed before through the view's newest"
              + " version; answers how many passed, were filtered, failed again (and were"
              + " dead-lettered anew) or cannot be replayed.")
  @PostMapping("/api/v1/dead-letters/{view}:replay")
  ReplayResult replay(@PathVariable String view) {
    return replay.replay(view);
  }
}
