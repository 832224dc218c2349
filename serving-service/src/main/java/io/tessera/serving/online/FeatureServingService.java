package io.tessera.serving.online;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.ViewValues;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.serving.online.ServingMetrics.Step;
import io.tessera.streamcore.read.ResolvedFeature;
import io.tessera.streamcore.read.ViewPlan;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Answers feature requests, transport-neutral, as named steps: resolve the definitions, validate
 * the request (before any I/O), read every (entity, view version) in parallel through {@link
 * ViewReads} (the follower's memory merged with the sealed store: it plans, reads and merges), and
 * finish each value with its status and newest event time.
 *
 * <p>A failed or slow read makes the affected values {@code unavailable} within the configured
 * timeouts; the request never hangs.
 */
public final class FeatureServingService {
  private final DefinitionResolver resolver;
  private final ViewReads viewReads;
  private final ServingMetrics metrics;
  private final Clock clock;
  private final int maxEntities;
  private final int maxEntityKeyBytes;
  private final Duration requestTimeout;

  public FeatureServingService(
      DefinitionResolver resolver,
      ViewReads viewReads,
      ServingMetrics metrics,
      Clock clock,
      int maxEntities,
      int maxEntityKeyBytes,
      Duration requestTimeout) {
    this.resolver = resolver;
    this.viewReads = viewReads;
    this.metrics = metrics;
    this.clock = clock;
    this.maxEntities = maxEntities;
    this.maxEntityKeyBytes = maxEntityKeyBytes;
    this.requestTimeout = requestTimeout;
  }

  public int maxEntities() {
    return maxEntities;
  }

  /**
   * The vectors of the request's entities, in request order, once every read has answered or the
   * request timeout has passed. Never blocks the calling thread, so transports may call it from an
   * event loop: resolving and validating run on the caller's thread and, when they fail, fail the
   * returned stage with a {@link ServingException} before any read starts; the reads only start
   * there. Finishing (statuses, values, metrics) runs on whichever thread completes the last read:
   * a Cassandra driver I/O thread, the store's timeout thread, {@code CompletableFuture}'s delay
   * thread when the request timeout fires, or the caller's own thread when every read was answered
   * from the caches. It is a few microseconds of mapping, nothing that waits.
   *
   * @return the vectors, or a stage failed with a {@link ServingException} (a malformed request, an
   *     unknown feature service, or all-or-nothing and a value unavailable)
   */
  public CompletionStage<List<EntityVector>> getFeatures(FeatureRequest request) {
    long startNanos = System.nanoTime();
    List<ResolvedFeature> features;
    List<Map<ViewPlan, EntityRef>> refs;
    long tMs;
    try {
      features = resolve(request);
      tMs = request.at() == null ? clock.millis() : request.at().toEpochMilli();
      refs = validate(request, features);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    long readStartNanos = System.nanoTime();
    List<Map<ViewPlan, CompletableFuture<ViewAnswer>>> reads = read(refs, tMs);
    return settled(reads)
        .thenApply(
            ignored -> {
              recordReadSteps(reads, System.nanoTime() - readStartNanos);
              List<EntityVector> vectors = finish(request, features, reads, tMs);
              metrics.request(request.entities().size() > 1, System.nanoTime() - startNanos);
              return vectors;
            });
  }

  private List<ResolvedFeature> resolve(FeatureRequest request) {
    long start = System.nanoTime();
    try {
      return resolver.resolve(request.selection());
    } finally {
      metrics.step(Step.RESOLVE, System.nanoTime() - start);
    }
  }

  /** Checks the entities against every view's key columns; builds each (entity, view) reference. */
  private List<Map<ViewPlan, EntityRef>> validate(
      FeatureRequest request, List<ResolvedFeature> features) {
    long start = System.nanoTime();
    List<String> errors = new ArrayList<>();
    if (request.entities().isEmpty()) {
      errors.add("name at least one entity");
    }
    if (request.entities().size() > maxEntities) {
      errors.add(
          "at most " + maxEntities + " entities per request, got " + request.entities().size());
    }
    List<ViewPlan> views = features.stream().map(ResolvedFeature::plan).distinct().toList();
    List<Map<ViewPlan, EntityRef>> refs = new ArrayList<>();
    for (int i = 0; i < request.entities().size() && errors.isEmpty(); i++) {
      Map<String, String> keys = request.entities().get(i);
      Map<ViewPlan, EntityRef> byView = new LinkedHashMap<>();
      for (ViewPlan view : views) {
        List<String> values = new ArrayList<>();
        for (String column : view.definition().entity()) {
          String value = keys == null ? null : keys.get(column);
          if (value == null || value.isEmpty()) {
            errors.add(
                "entities["
                    + i
                    + "] has no value for '"
                    + column
                    + "', a key column of view '"
                    + view.view()
                    + "'");
          }
          values.add(value);
        }
        String encoded = errors.isEmpty() ? EntityKeys.encode(values) : null;
        if (encoded != null
            && encoded.length() > maxEntityKeyBytes / 3) { // 3 bytes per char at most
          int bytes = encoded.getBytes(StandardCharsets.UTF_8).length;
          if (bytes > maxEntityKeyBytes) {
            // No such key was ingested, and Cassandra refuses one over 64 KB: not the store's fault
            errors.add(
                "entities["
                    + i
                    + "] has an entity key of "
                    + bytes
                    + " bytes; at most "
                    + maxEntityKeyBytes
                    + " (tessera.serving.max-entity-key-bytes)");
          }
        }
        if (errors.isEmpty()) {
          byView.put(view, new EntityRef(view.storageName(), encoded));
        }
      }
      refs.add(byView);
    }
    metrics.step(Step.VALIDATE, System.nanoTime() - start);
    if (!errors.isEmpty()) {
      throw ServingException.invalid(errors);
    }
    return refs;
  }

  /** Starts every (entity, view) read at once. */
  private List<Map<ViewPlan, CompletableFuture<ViewAnswer>>> read(
      List<Map<ViewPlan, EntityRef>> refs, long tMs) {
    List<Map<ViewPlan, CompletableFuture<ViewAnswer>>> reads = new ArrayList<>();
    for (Map<ViewPlan, EntityRef> byView : refs) {
      Map<ViewPlan, CompletableFuture<ViewAnswer>> entityReads = new LinkedHashMap<>();
      byView.forEach(
          (view, ref) -> {
            CompletableFuture<ViewAnswer> read;
            try {
              read = viewReads.read(view, ref, tMs);
            } catch (RuntimeException e) { // a decorator refusing synchronously
              read = CompletableFuture.failedFuture(e);
            }
            entityReads.put(view, read);
          });
      reads.add(entityReads);
    }
    return reads;
  }

  /**
   * Completes (normally) when every read has completed, failed or not, or when the request timeout
   * passes first: failed and late reads become {@code unavailable} values in {@link #finish}. The
   * timeout is a backstop; the store's per-call timeouts answer first.
   */
  private CompletableFuture<Void> settled(
      List<Map<ViewPlan, CompletableFuture<ViewAnswer>>> reads) {
    CompletableFuture<?>[] all =
        reads.stream()
            .flatMap(byView -> byView.values().stream())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all)
        .handle((ignored, failure) -> (Void) null)
        .completeOnTimeout(null, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The plan and merge steps each read measured, and the read step as the wait beyond them. */
  private void recordReadSteps(
      List<Map<ViewPlan, CompletableFuture<ViewAnswer>>> reads, long readNanos) {
    long cpuNanos = 0;
    for (Map<ViewPlan, CompletableFuture<ViewAnswer>> byView : reads) {
      for (CompletableFuture<ViewAnswer> read : byView.values()) {
        if (read.isDone() && !read.isCompletedExceptionally()) {
          ViewValues values = read.join().values();
          metrics.step(Step.PLAN, values.stats().planNanos());
          metrics.step(Step.MERGE, values.stats().mergeNanos());
          cpuNanos = Math.max(cpuNanos, values.stats().planNanos() + values.stats().mergeNanos());
        }
      }
    }
    metrics.step(Step.READ, Math.max(0, readNanos - cpuNanos));
  }

  private List<EntityVector> finish(
      FeatureRequest request,
      List<ResolvedFeature> features,
      List<Map<ViewPlan, CompletableFuture<ViewAnswer>>> reads,
      long tMs) {
    long start = System.nanoTime();
    List<EntityVector> vectors = new ArrayList<>();
    int[] counts = new int[ValueStatus.values().length];
    for (int i = 0; i < reads.size(); i++) {
      Map<ViewPlan, CompletableFuture<ViewAnswer>> byView = reads.get(i);
      Map<ViewPlan, ValueStatus> statuses = new LinkedHashMap<>();
      byView.forEach((view, read) -> statuses.put(view, statusOf(view, read, tMs)));
      List<ServedValue> values = new ArrayList<>();
      for (ResolvedFeature feature : features) {
        ViewPlan view = feature.plan();
        ValueStatus status = statuses.get(view);
        ViewAnswer answer = status == ValueStatus.UNAVAILABLE ? null : byView.get(view).join();
        ViewValues read = answer == null ? null : answer.values();
        // an entity present only by an event older than every window: each value says how old
        long retainedOnlyMs =
            answer != null && ViewAnswer.newestContributing(read) == Ir.NO_EVENT_MS
                ? answer.newestEventMs()
                : Ir.NO_EVENT_MS;
        for (WindowSpec window : feature.feature().windows()) {
          Object value = read == null ? null : read.get(feature.feature().name(), window);
          long newest =
              read == null
                  ? Ir.NO_EVENT_MS
                  : Math.max(
                      read.newestEventTimeMs(feature.feature().name(), window), retainedOnlyMs);
          values.add(
              new ServedValue(
                  feature.reference() + ":" + window,
                  view.view(),
                  view.version(),
                  feature.feature().name(),
                  window.toString(),
                  value,
                  status,
                  newest == Ir.NO_EVENT_MS ? null : newest));
          counts[status.ordinal()]++;
        }
      }
      vectors.add(new EntityVector(request.entities().get(i), tMs, values));
    }
    for (ValueStatus status : ValueStatus.values()) {
      metrics.served(status, counts[status.ordinal()]);
    }
    metrics.step(Step.FINISH, System.nanoTime() - start);
    if (request.allOrNothing() && counts[ValueStatus.UNAVAILABLE.ordinal()] > 0) {
      throw new ServingException(
          ServingException.Kind.UNAVAILABLE,
          "Feature store unavailable",
          counts[ValueStatus.UNAVAILABLE.ordinal()]
              + " values could not be read in time and the request asked for all or nothing",
          List.of());
    }
    return vectors;
  }

  /**
   * The status of every value of one (entity, view): {@code unavailable} if the read failed or did
   * not finish in time; {@code not_found} if the entity has no event within the view's retention
   * (before {@code t}); {@code stale} if the instance's data of the view reaches less far than the
   * view's expected freshness before {@code t} (the pipeline is behind, see {@link
   * ViewAnswer#dataThroughMs}); else {@code present}. A quiet entity is not stale: each value
   * carries its newest event time for the caller to judge.
   */
  private static ValueStatus statusOf(ViewPlan view, CompletableFuture<ViewAnswer> read, long tMs) {
    if (!read.isDone() || read.isCompletedExceptionally()) {
      return ValueStatus.UNAVAILABLE;
    }
    ViewAnswer answer = read.join();
    if (answer.newestEventMs() == Ir.NO_EVENT_MS) {
      return ValueStatus.NOT_FOUND;
    }
    if (answer.dataThroughMs() < tMs - view.definition().expectedFreshnessMs()) {
      return ValueStatus.STALE;
    }
    return ValueStatus.PRESENT;
  }
}
