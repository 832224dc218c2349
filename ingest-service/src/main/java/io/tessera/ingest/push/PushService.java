package io.tessera.ingest.push;

import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.Outcome;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.ingest.pipeline.BatchResult;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.pipeline.RecordPublisher.PublishFailedException;
import io.tessera.ingest.views.FedVersion;
import io.tessera.ingest.views.ViewRegistry;
import io.tessera.ingest.watermark.InstanceWatermarks;
import io.tessera.records.deadletter.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP push, transport-neutral: validates every event of a request with the view's newest version
 * and publishes them only if all are usable, so a client either gets every problem at once (and
 * nothing half-written) or an answer that comes after every event is durably in Kafka.
 *
 * <p>Invalid events are answered, not dead-lettered: the client is there to fix and resend them.
 * Without a declared event-id column, event ids are {@code push:<view>::<key>:<index>}, where the
 * key is the request's {@code Idempotency-Key}: a retried request with the same key and the same
 * events yields the same ids, which downstream de-duplication absorbs. Without the header, each
 * request gets a random key, so a retry counts its events twice.
 *
 * <p>Watermarks: push is always "fully read", so its watermark is the wall clock; it caps this
 * instance's watermark of the view version at the wall clock but never publishes one on its own
 * (see {@link InstanceWatermarks}). A pushed event older than the view's watermark minus the
 * allowed lateness is late downstream: push is for live events, history goes through backfill.
 *
 * <p>Kafka gets a bounded wait: when it does not acknowledge within {@code ackTimeout}, the request
 * is answered 503 with {@code Retry-After} instead of holding its thread for the producer's two
 * minutes. Whether the events were written is then unknown; a retry with the same {@code
 * Idempotency-Key} carries the same event ids, so nothing counts twice.
 */
public final class PushService {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ViewRegistry registry;
  private final IngestPipeline pipeline;
  private final int maxItems;
  private final InstanceWatermarks watermarks;
  private final Duration ackTimeout;

  public PushService(
      ViewRegistry registry,
      IngestPipeline pipeline,
      int maxItems,
      InstanceWatermarks watermarks,
      Duration ackTimeout) {
    this.registry = registry;
    this.pipeline = pipeline;
    this.maxItems = maxItems;
    this.watermarks = watermarks;
    this.ackTimeout = ackTimeout;
  }

  public PushResult push(
      String viewName, byte[] body, Optional<String> idempotencyKey, long arrivalMs) {
    List<FedVersion> fed = registry.fed(viewName);
    if (fed.isEmpty()) {
      throw PushRejectedException.unknownView(viewName);
    }
    CompiledView view = fed.get(0).view();
    JsonNode array;
    try {
      array = JSON.readTree(body);
    } catch (JacksonException e) {
      throw PushRejectedException.badBody("the body is not JSON: " + e.getOriginalMessage());
    }
    if (array == null || !array.isArray()) {
      throw PushRejectedException.badBody("the body must be a JSON array of event objects");
    }
    if (array.size() > maxItems) {
      throw PushRejectedException.tooMany(array.size(), maxItems);
    }
    String key = idempotencyKey.orElseGet(() -> UUID.randomUUID().toString());
    List<SourceEvent> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(
          new SourceEvent(
              JSON.writeValueAsBytes(array.get(i)),
              new SourcePosition("push", viewName, "", key + ":" + i),
              arrivalMs));
    }
    List<Outcome> outcomes = pipeline.normalize(view, events);
    List<ItemProblem> problems = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof Outcome.Rejected rejected) {
        problems.add(new ItemProblem(i, rejected.letter().reason(), rejected.letter().detail()));
      }
    }
    if (!problems.isEmpty()) {
      throw PushRejectedException.invalidItems(viewName, events.size(), problems);
    }
    BatchResult result;
    try {
      result = pipeline.publishWithin(view, "push", outcomes, ackTimeout);
      // While a new lineage is backfilled, the version serving answers with is fed too.
      for (FedVersion older : fed.subList(1, fed.size())) {
        pipeline.publishWithin(
            older.view(), "push", pipeline.normalize(older.view(), events), ackTimeout);
      }
    } catch (PublishFailedException e) {
      throw PushRejectedException.unavailable(e.getMessage(), ackTimeout, key);
    }
    fed.forEach(version -> watermarks.pushed(version.view().name(), version.version()));
    return new PushResult(viewName, view.version(), result.normalized(), result.filtered(), key);
  }
}
