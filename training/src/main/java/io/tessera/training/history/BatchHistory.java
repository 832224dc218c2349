package io.tessera.training.history;

import io.tessera.batch.read.BatchRows;
import io.tessera.definitions.transform.CompiledTransformation;
import io.tessera.definitions.transform.NormalizedRow;
import io.tessera.definitions.transform.TransformResult;
import io.tessera.definitions.transform.TransformationCompiler;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.training.access.TrainingAccess;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A view's batch-source events for the entities of one spine: each source row goes through the
 * view's compiled transformation, the same code ingest runs on stream payloads (filter, schema
 * coercion, derived columns, entity key, event time, event id), and is kept by entity in canonical
 * order, once per event id (the event log's own de-duplication).
 */
public final class BatchHistory {

  /**
   * Batch events were never on the normalized topic, so they have no offset; they are folded
   * directly (never merged with tiles by offset), so the value is never compared.
   */
  private static final long NO_OFFSET = -1;

  private final Map<String, List<Event>> byEntity;
  private final long rows;
  private final long rejected;

  private BatchHistory(Map<String, List<Event>> byEntity, long rows, long rejected) {
    this.byEntity = byEntity;
    this.rows = rows;
    this.rejected = rejected;
  }

  /**
   * Reads {@code view}'s batch source, keeping the events of {@code entities} (encoded entity
   * keys), through what {@code access} allows.
   */
  public static BatchHistory load(FeatureView view, Set<String> entities, TrainingAccess access)
      throws SQLException {
    CompiledTransformation transformation = TransformationCompiler.compile(view).orThrow();
    Map<String, List<Event>> byEntity = new HashMap<>();
    Map<String, Set<String>> idsByEntity = new HashMap<>();
    long[] counts = new long[2]; // rows, rejected
    BatchRows.read(
        view.name(),
        view.batchSource().orElseThrow(),
        access.batchSources(),
        payload -> {
          counts[0]++;
          TransformResult result = transformation.apply(payload);
          if (result instanceof TransformResult.Filtered) {
            return;
          }
          if (!(result instanceof TransformResult.Success success)
              || success.row().eventId().isEmpty()) {
            counts[1]++; // what ingest would dead-letter (or an id-less row, which validation bars)
            return;
          }
          NormalizedRow row = success.row();
          String entity = EntityKeys.encode(row.entityKey());
          String id = row.eventId().get();
          if (entities.contains(entity)
              && idsByEntity.computeIfAbsent(entity, e -> new HashSet<>()).add(id)) {
            byEntity
                .computeIfAbsent(entity, e -> new ArrayList<>())
                .add(new Event(entity, row.eventTimeMs(), id, NO_OFFSET, row.values()));
          }
        });
    byEntity.values().forEach(events -> events.sort(EventOrder.CANONICAL));
    return new BatchHistory(byEntity, counts[0], counts[1]);
  }

  /** The entity's batch events, in canonical order (empty if none). */
  public List<Event> events(String entityKey) {
    return byEntity.getOrDefault(entityKey, List.of());
  }

  public long rows() {
    return rows;
  }

  public long rejected() {
    return rejected;
  }
}
