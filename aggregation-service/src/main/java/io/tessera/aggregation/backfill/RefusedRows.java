package io.tessera.aggregation.backfill;

import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.backfill.BackfillProgress;
import io.tessera.backfill.RejectedRow;
import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.JdbcBatchSource;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.deadletter.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows a backfill's transformation refused, as dead letters: kind {@code batch}, named by the
 * source's path or table, positioned by the row's number in the read, the row as JSON for the
 * original. At most {@code max} per backfill are published (a wrong filter may refuse every row of
 * a large source); every refused row is counted in {@code rowsRejected} all the same, so none goes
 * unnoticed. Called on the reading thread.
 */
final class RefusedRows implements Consumer<RejectedRow> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DeadLetterPublisher publisher;
  private final String view;
  private final int version;
  private final String sourceName;
  private final BackfillProgress progress;
  private final int max;
  private final InstantSource clock;
  private final List<CompletableFuture<Void>> sent = new ArrayList<>();

  RefusedRows(
      DeadLetterPublisher publisher,
      String view,
      int version,
      BatchSource source,
      BackfillProgress progress,
      int max,
      InstantSource clock) {
    this.publisher = publisher;
    this.view = view;
    this.version = version;
    this.sourceName = nameOf(source);
    this.progress = progress;
    this.max = max;
    this.clock = clock;
  }

  @Override
  public void accept(RejectedRow refused) {
    if (sent.size() >= max) {
      return; // counted in rowsRejected by the backfill
    }
    // the backfill counts a row before it hands it here: its count is the row's number
    long rowNumber = progress.snapshot().rowsRead();
    SourcePosition position = new SourcePosition("batch", sourceName, "", Long.toString(rowNumber));
    sent.add(publisher.send(letter(refused, position)));
  }

  /**
   * Waits until every letter sent is acknowledged: a backfill completes only with its dead letters
   * durable.
   *
   * @throws java.util.concurrent.CompletionException the first letter the broker refused
   */
  void awaitSent() {
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }

  int published() {
    return sent.size();
  }

  private DeadLetter letter(RejectedRow refused, SourcePosition position) {
    byte[] original = json(refused);
    long nowMs = clock.millis();
    return DeadLetterReason.fromCode(refused.reason())
        .map(
            reason ->
                DeadLetter.of(reason, refused.detail(), view, version, position, nowMs, original))
        .orElseGet(
            () ->
                new DeadLetter(
                    refused.reason(), refused.detail(), view, version, position, nowMs, original));
  }

  private static byte[] json(RejectedRow refused) {
    try {
      return JSON.writeValueAsBytes(refused.row());
    } catch (JacksonException e) {
      // a column type JSON cannot carry: the row as text still shows a person what was refused
      return String.valueOf(refused.row()).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String nameOf(BatchSource source) {
    if (source instanceof FileBatchSource files) {
      return files.path();
    }
    JdbcBatchSource jdbc = (JdbcBatchSource) source; // the sealed type's only other kind
    return jdbc.url() + " " + jdbc.table().orElseGet(() -> jdbc.query().orElse(""));
  }
}
