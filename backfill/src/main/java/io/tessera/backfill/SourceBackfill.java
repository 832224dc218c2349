package io.tessera.backfill;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.read.BatchRows;
import io.tessera.definitions.transform.CompiledTransformation;
import io.tessera.definitions.transform.NormalizedRow;
import io.tessera.definitions.transform.TransformResult;
import io.tessera.definitions.transform.TransformationCompiler;
import io.tessera.definitions.view.FeatureView;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.partition.RecordLimits;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * A view version's backfill from its batch source: every row is read as a payload ({@link
 * BatchRows}, streamed), goes through the version's compiled transformation, the code ingest runs
 * on stream payloads (filter, schema coercion, derived columns, entity key, event time, event id),
 * and its event goes to a {@link LineageBackfill} run over {@code [fromMs, handOverMs)}. A row the
 * transformation refuses, or whose entity key no replica would accept, is counted and handed to the
 * caller with its reason, never dropped silently.
 */
public final class SourceBackfill {
  private final LineageBackfill writer;
  private final BatchSourceAccess access;
  private final RecordLimits limits;

  public SourceBackfill(LineageBackfill writer, BatchSourceAccess access, RecordLimits limits) {
    this.writer = writer;
    this.access = access;
    this.limits = limits;
  }

  /**
   * Backfills {@code version} of {@code view} over {@code [fromMs, handOverMs)} and returns when
   * every row is read and every unit's rows and tiles are durable.
   *
   * @param rejected called with each row that yields no event but an error (on the reading thread)
   * @param cancellation checked before each row and each work unit
   * @throws java.util.concurrent.CancellationException when {@code cancellation} stopped it: what
   *     units sealed before stays, the rest of the range is not written
   * @throws SQLException when the source cannot be read (nothing is sealed then)
   * @throws io.tessera.batch.access.AccessRefusedException when the host does not allow the source
   */
  public void run(
      FeatureView view,
      int version,
      long fromMs,
      long handOverMs,
      BackfillProgress progress,
      Consumer<RejectedRow> rejected,
      Cancellation cancellation)
      throws SQLException {
    run(view, version, fromMs, handOverMs, partition -> true, progress, rejected, cancellation);
  }

  /**
   * As {@link #run(FeatureView, int, long, long, BackfillProgress, Consumer, Cancellation)},
   * writing only the normalized partitions {@code written} accepts ({@link
   * LineageBackfill#open(long, long, IntPredicate, BackfillProgress, Cancellation)}). Every row is
   * still read and transformed (an event's partition is its entity's), so rows and refusals are
   * counted as by a whole run.
   */
  public void run(
      FeatureView view,
      int version,
      long fromMs,
      long handOverMs,
      IntPredicate written,
      BackfillProgress progress,
      Consumer<RejectedRow> rejected,
      Cancellation cancellation)
      throws SQLException {
    CompiledTransformation transformation = TransformationCompiler.compile(view).orThrow();
    try (LineageBackfill.Run run =
        writer.open(fromMs, handOverMs, written, progress, cancellation)) {
      BatchRows.read(
          view.name(),
          view.batchSource().orElseThrow(),
          access,
          row -> {
            cancellation.check(); // thrown out of the read, which closes the source
            TransformResult result = transformation.apply(row);
            if (result instanceof TransformResult.Filtered) {
              progress.row(true, false);
              return;
            }
            if (result instanceof TransformResult.Failed failed) {
              progress.row(false, true);
              rejected.accept(new RejectedRow(failed.reason().code(), failed.detail(), row));
              return;
            }
            NormalizedRow normalized = ((TransformResult.Success) result).row();
            String entityKey = EntityKeys.encode(normalized.entityKey());
            int keyBytes = entityKey.getBytes(StandardCharsets.UTF_8).length;
            if (keyBytes > limits.maxEntityKeyBytes() || normalized.eventId().isEmpty()) {
              progress.row(false, true);
              rejected.accept(
                  keyBytes > limits.maxEntityKeyBytes()
                      ? new RejectedRow(
                          "too_large",
                          "entity key of "
                              + keyBytes
                              + " bytes exceeds the limit of "
                              + limits.maxEntityKeyBytes(),
                          row)
                      : new RejectedRow(
                          "invalid_value",
                          "no event id: a batch row needs one to meet the stream's copy",
                          row));
              return;
            }
            progress.row(false, false);
            run.accept(
                new NormalizedEvent(
                    view.name(),
                    version,
                    entityKey,
                    normalized.eventTimeMs(),
                    normalized.eventId().get(),
                    normalized.eventTimeMs(),
                    normalized.values()));
          });
      run.seal();
    }
  }
}
