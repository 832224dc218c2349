package io.tessera.training.job;

import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.definitions.json.UnicodeText;
import io.tessera.streamcore.read.ResolvedFeature;
import io.tessera.streamcore.read.ViewPlan;
import io.tessera.training.access.TrainingAccess;
import io.tessera.training.output.FeatureColumn;
import io.tessera.training.output.OutputTarget;
import io.tessera.training.spine.FileFormat;
import io.tessera.training.spine.SpineException;
import io.tessera.training.spine.SpineInput;
import io.tessera.training.spine.SpineRows;
import io.tessera.training.spine.SpineTable;
import io.tessera.training.sweep.Timelines;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts training-data requests: resolves the selection and loads and checks the spine before
 * answering (so a bad request is a 400 with every problem, not a failed job), then queues the job.
 * Jobs live in this instance's memory: a job id is answered by the instance that accepted it.
 */
public final class TrainingJobs implements AutoCloseable {
  /** Finished jobs kept for status reads; the oldest are forgotten first. */
  private static final int MAX_FINISHED_JOBS = 200;

  /** A job takes tens of seconds to minutes: a client refused for a full queue waits this long. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FeatureResolver resolver;
  private final Timelines timelines;
  private final ExecutorService jobThreads;
  private final ExecutorService cpu;
  private final int maxInFlight;
  private final int maxPendingJobs;
  private final Semaphore pending;
  private final TrainingAccess access;
  private final Clock clock;
  private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
  private final List<String> finishedOrder = new ArrayList<>();

  public TrainingJobs(
      FeatureResolver resolver,
      Timelines timelines,
      ExecutorService jobThreads,
      ExecutorService cpu,
      int maxInFlight,
      int maxPendingJobs,
      TrainingAccess access,
      Clock clock) {
    this.resolver = resolver;
    this.timelines = timelines;
    this.jobThreads = jobThreads;
    this.cpu = cpu;
    this.maxInFlight = maxInFlight;
    this.maxPendingJobs = maxPendingJobs;
    this.pending = new Semaphore(maxPendingJobs);
    this.access = access;
    this.clock = clock;
  }

  /**
   * Validates the request and queues its job, if fewer than {@code maxPendingJobs} are running or
   * queued: the check comes first, so a refused request costs nothing.
   *
   * @throws TrainingRequestException INVALID with every problem, or NOT_FOUND for an unknown
   *     service
   * @throws TrainingQueueFullException when the queue is full
   * @throws io.tessera.batch.access.AccessRefusedException for a spine, output or batch source the
   *     job may not touch
   */
  public TrainingJobStatus submit(TrainingRequest request) {
    if (!pending.tryAcquire()) {
      throw new TrainingQueueFullException(maxPendingJobs, RETRY_AFTER);
    }
    boolean queued = false;
    try {
      TrainingJobStatus status = validateAndQueue(request);
      queued = true;
      return status;
    } finally {
      if (!queued) {
        pending.release();
      }
    }
  }

  private TrainingJobStatus validateAndQueue(TrainingRequest request) {
    List<ResolvedFeature> features = resolver.resolve(request.featureService(), request.features());
    List<FeatureColumn> columns = FeatureColumn.of(features);
    Map<String, String> keyColumns = new LinkedHashMap<>();
    for (ResolvedFeature feature : features) {
      ViewPlan view = feature.plan();
      view.definition().entity().forEach(column -> keyColumns.putIfAbsent(column, view.view()));
    }
    for (ViewPlan view : features.stream().map(ResolvedFeature::plan).distinct().toList()) {
      view.definition()
          .batchSource()
          .ifPresent(source -> access.checkBatchSource(view.view(), source));
    }
    String id = UUID.randomUUID().toString();
    List<String> problems = new ArrayList<>();
    OutputTarget output = output(request.output(), id, problems);
    Path spineFile = null;
    FileFormat spineFormat = null;
    boolean temporarySpine = false;
    SpineInput spine = request.spine();
    if (spine == null || (spine.rows() == null) == (spine.path() == null)) {
      problems.add("give the spine as either 'rows' or a file 'path', not both");
    } else if (spine.rows() != null) {
      if (spine.rows().isEmpty()) {
        problems.add("the spine has no rows");
      }
    } else {
      spineFile = access.spines().existingFile(ConfinedDirectories.parse(spine.path(), "spine"));
      spineFormat =
          spine.format() != null
              ? spine.format()
              : FileFormat.ofPath(spineFile.toString()).orElse(null);
      if (spineFormat == null) {
        problems.add("name the spine's format (csv, parquet or json): its extension does not");
      }
    }
    if (spine != null && spine.rows() != null) {
      problems.addAll(notUnicode(spine.rows()));
    }
    if (!problems.isEmpty()) {
      throw TrainingRequestException.invalid(problems);
    }
    Connection duck = null;
    try {
      if (spine.rows() != null) {
        spineFile = writeInline(spine.rows());
        spineFormat = FileFormat.JSON;
        temporarySpine = true;
      }
      duck = access.openJobDatabase(spineFile, output.partialPath());
      SpineRows rows =
          SpineTable.load(duck, spineFile, spineFormat, request.timestampColumn(), keyColumns);
      TrainingJob job = new TrainingJob(id, duck, rows, columns, output, access, clock);
      jobs.put(id, job);
      job.completion()
          .whenComplete(
              (status, failure) -> {
                pending.release();
                forgetOldJobs(id);
              });
      jobThreads.execute(() -> job.run(timelines, cpu, maxInFlight));
      return job.status();
    } catch (SpineException e) {
      closeQuietly(duck);
      throw TrainingRequestException.invalid(e.problems());
    } catch (SQLException | IOException e) {
      closeQuietly(duck);
      throw new IllegalStateException("could not prepare the training job: " + e.getMessage(), e);
    } finally {
      if (temporarySpine) {
        try {
          Files.deleteIfExists(spineFile);
        } catch (IOException e) {
          // a temporary file left in the temp directory; nothing depends on it
        }
      }
    }
  }

  public Optional<TrainingJobStatus> status(String id) {
    return Optional.ofNullable(jobs.get(id)).map(TrainingJob::status);
  }

  /**
   * Completes with the job's final status when it finishes (done, failed or cancelled); callers
   * wait on it without holding a thread. A copy: a waiter that gives up (and cancels what it waits
   * on, as Reactor does) must not cancel the job's own completion.
   */
  public Optional<CompletionStage<TrainingJobStatus>> completion(String id) {
    return Optional.ofNullable(jobs.get(id)).map(job -> job.completion().copy());
  }

  /** Asks the job to stop; its status (a finished job stays as it was). */
  public Optional<TrainingJobStatus> cancel(String id) {
    TrainingJob job = jobs.get(id);
    if (job == null) {
      return Optional.empty();
    }
    job.cancel();
    return Optional.of(job.status());
  }

  /** Stops running jobs' threads (the service is shutting down). */
  @Override
  public void close() {
    jobs.values().forEach(TrainingJob::cancel);
    jobThreads.shutdownNow();
    cpu.shutdownNow();
  }

  /**
   * Where the job writes: the requested file under the output directories (not replacing one unless
   * asked), or {@code <first output directory>/<job id>.<format>}.
   */
  private OutputTarget output(OutputTarget requested, String id, List<String> problems) {
    if (requested == null || requested.path() == null) {
      FileFormat format =
          requested == null || requested.format() == null ? FileFormat.PARQUET : requested.format();
      Path file = Path.of(id + "." + format.jsonName()); // relative: the first output directory
      return new OutputTarget(access.outputs().newFile(file, false), format, false);
    }
    FileFormat format =
        requested.format() != null
            ? requested.format()
            : FileFormat.ofPath(requested.path().toString()).orElse(FileFormat.PARQUET);
    if (format == FileFormat.JSON) {
      problems.add("the output format must be csv or parquet");
    }
    Path file = access.outputs().newFile(requested.path(), requested.overwrite());
    return new OutputTarget(file, format, requested.overwrite());
  }

  /**
   * A problem for each inline spine row holding text that is not Unicode (JSON lets a lone
   * surrogate through; the spine file and the output could not hold it).
   */
  private static List<String> notUnicode(List<Map<String, Object>> rows) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (UnicodeText.firstNotUnicode(rows.get(i)).isPresent()) {
        problems.add(
            "spine.rows[" + i + "] holds text that is not valid Unicode (a lone surrogate)");
      }
    }
    return problems;
  }

  private static Path writeInline(List<Map<String, Object>> rows) throws IOException {
    Path file = Files.createTempFile("tessera-spine-", ".jsonl");
    try (Writer out = Files.newBufferedWriter(file)) {
      for (Map<String, Object> row : rows) {
        out.write(JSON.writeValueAsString(row == null ? Map.of() : row));
        out.write('\n');
      }
    }
    return file;
  }

  private synchronized void forgetOldJobs(String finishedId) {
    finishedOrder.add(finishedId);
    while (finishedOrder.size() > MAX_FINISHED_JOBS) {
      jobs.remove(finishedOrder.remove(0));
    }
  }

  private static void closeQuietly(Connection duck) {
    if (duck != null) {
      try {
        duck.close();
      } catch (SQLException e) {
        // nothing was written through it
      }
    }
  }
}
