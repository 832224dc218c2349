package io.tessera.serving.training;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.serving.online.FeatureSelection;
import io.tessera.serving.online.ServingException;
import io.tessera.training.job.TrainingJobStatus;
import io.tessera.training.job.TrainingJobs;
import io.tessera.training.job.TrainingQueueFullException;
import io.tessera.training.job.TrainingRequest;
import io.tessera.training.job.TrainingRequestException;
import io.tessera.training.output.OutputTarget;
import io.tessera.training.spine.FileFormat;
import io.tessera.training.spine.SpineInput;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /api/v1/training-data}: submit, watch and cancel jobs of the training module ({@link
 * TrainingJobs}); a thin adapter that maps the body to a {@link TrainingRequest} and the module's
 * refusals to problem+json ({@link ServingException}, {@link TrainingRejectedException}).
 * Submitting loads and checks the spine with DuckDB and touches files, so it runs on {@link
 * Schedulers#boundedElastic()}, never on the event loop; {@code ?wait=true} waits on the job's
 * completion without holding any thread. Cancelling may remove a file and close a DuckDB
 * connection, so it runs there too; a status read only reads memory.
 */
@RestController
@RequestMapping(path = "/api/v1/training-data", produces = MediaType.APPLICATION_JSON_VALUE)
class TrainingDataController {
  /** The longest {@code ?wait=true} holds a request before answering 202 anyway. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);

  private final TrainingJobs jobs;

  TrainingDataController(TrainingJobs jobs) {
    this.jobs = jobs;
  }

  @Operation(
      summary = "Point-in-time-correct training data for a spine",
      description =
          "One output row per spine row: the spine's columns, then every feature as serving would"
              + " have answered at the row's timestamp (windows end strictly before it), named"
              + " view:feature:window. Runs as a job: 202 with its status and Location; with"
              + " wait=true, answers 200 when the job finishes within a minute. Spine and output"
              + " paths must be under the configured directories (relative paths start in the"
              + " first one): 403 outside, 400 for '..' or an existing output without"
              + " overwrite; 429 with Retry-After when the job queue is full.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              examples = {
                @ExampleObject(
                    name = "inline spine, CSV output",
                    value =
                        "{\"featureService\": \"fraud_model\", \"spine\": {\"rows\": ["
                            + "{\"user_id\": \"user_1\", \"timestamp\": \"2026-03-10T14:37:25.120Z\","
                            + " \"label\": 1}]}, \"output\": {\"path\": \"train.csv\"}}"),
                @ExampleObject(
                    name = "Parquet spine file",
                    value =
                        "{\"features\": [\"transactions:spend\"], \"spine\": {\"path\":"
                            + " \"spine.parquet\"}, \"timestampColumn\": \"label_time\","
                            + " \"output\": {\"path\": \"train.parquet\","
                            + " \"overwrite\": true}}")
              }))
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<TrainingJobStatus>> submit(
      @RequestBody TrainingDataRequestBody body,
      @RequestParam(defaultValue = "false") boolean wait) {
    List<String> problems = new ArrayList<>(FeatureSelection.nullReferences(body.features()));
    SpineInput spine = null;
    if (body.spine() != null) {
      spine =
          new SpineInput(
              body.spine().rows(), body.spine().path(), format(body.spine().format(), problems));
    }
    OutputTarget output = null;
    if (body.output() != null) {
      FileFormat format = format(body.output().format(), problems);
      java.nio.file.Path path =
          body.output().path() == null
              ? null
              : ConfinedDirectories.parse(body.output().path(), "output");
      output = new OutputTarget(path, format, Boolean.TRUE.equals(body.output().overwrite()));
    }
    if (!problems.isEmpty()) {
      throw ServingException.invalid(problems);
    }
    TrainingRequest request =
        new TrainingRequest(
            body.featureService(), body.features(), spine, body.timestampColumn(), output);
    return Mono.fromCallable(() -> jobs.submit(request))
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorMap(TrainingRequestException.class, TrainingDataController::problem)
        .onErrorMap(TrainingQueueFullException.class, TrainingRejectedException::busy)
        .flatMap(submitted -> wait ? finished(submitted) : Mono.just(submitted))
        .map(
            status -> {
              URI location = URI.create("/api/v1/training-data/" + status.id());
              HttpStatus code = status.state().isFinal() ? HttpStatus.OK : HttpStatus.ACCEPTED;
              return ResponseEntity.status(code).location(location).body(status);
            });
  }

  /** The job's final status if it finishes within {@link #MAX_WAIT}, else its current one. */
  private Mono<TrainingJobStatus> finished(TrainingJobStatus submitted) {
    return jobs.completion(submitted.id())
        .map(
            completion ->
                Mono.fromCompletionStage(completion)
                    .timeout(MAX_WAIT, Mono.fromSupplier(() -> current(submitted))))
        .orElseGet(() -> Mono.just(submitted));
  }

  private TrainingJobStatus current(TrainingJobStatus submitted) {
    return jobs.status(submitted.id()).orElse(submitted);
  }

  @Operation(summary = "A job's state, progress (rows done/total, rate, ETA) and output")
  @GetMapping("/{id}")
  TrainingJobStatus status(@PathVariable String id) {
    return jobs.status(id).orElseThrow(() -> unknown(id));
  }

  @Operation(summary = "Cancels a job; its partial output is removed")
  @DeleteMapping("/{id}")
  Mono<TrainingJobStatus> cancel(@PathVariable String id) {
    // cancelling a queued job removes its partial output and closes its DuckDB connection
    return Mono.fromCallable(() -> jobs.cancel(id).orElseThrow(() -> unknown(id)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static FileFormat format(String text, List<String> problems) {
    if (text == null) {
      return null;
    }
    return FileFormat.parse(text)
        .orElseGet(
            () -> {
              problems.add("unknown format '" + text + "': use csv, parquet or json");
              return null;
            });
  }

  /**
   * A refused request as serving's own problem: 400 or 404 with every problem in {@code errors}.
   */
  private static ServingException problem(TrainingRequestException e) {
    ServingException.Kind kind =
        switch (e.kind()) {
          case INVALID -> ServingException.Kind.INVALID;
          case NOT_FOUND -> ServingException.Kind.NOT_FOUND;
        };
    return new ServingException(kind, e.title(), e.getMessage(), e.problems());
  }

  private static ServingException unknown(String id) {
    return new ServingException(
        ServingException.Kind.NOT_FOUND,
        "Unknown training-data job",
        "no training-data job '" + id + "' on this instance",
        List.of());
  }
}
