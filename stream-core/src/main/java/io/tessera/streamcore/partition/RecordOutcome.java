package io.tessera.streamcore.partition;

import io.tessera.engine.open.SealResult;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineage;

/**
 * What one record of a partition was, as {@link PartitionState#apply} decided it. Exactly one per
 * record, so nothing is dropped silently: the owner dead-letters {@link TooLate} and {@link
 * Poison}, writes {@link Sealed}, and waits on (or, after a while, dead-letters) {@link
 * UnknownView}; a follower only counts them.
 */
public sealed interface RecordOutcome {

  /** The event is in its lineage's open state. */
  record Applied(String storageName, NormalizedEvent event) implements RecordOutcome {}

  /** An event with the same id is in the entity's open state already: it counts once. */
  record Duplicate(String storageName, NormalizedEvent event) implements RecordOutcome {}

  /**
   * The event arrived after its finest tile was sealed: a {@code too_late} dead letter (or a
   * redelivery of an event of that sealed tile, which cannot change it either).
   */
  record TooLate(String storageName, NormalizedEvent event, long sealedBeforeMs)
      implements RecordOutcome {}

  /**
   * An event before the time its lineage's stream starts at ({@code Lineage.streamFromMs}): that
   * history is the backfill's, which reads it from the view's batch source. The stream's retained
   * history overlapping the batch data ends here, so no event counts twice.
   */
  record Backfilled(String storageName, NormalizedEvent event) implements RecordOutcome {}

  /**
   * A record before the restored checkpoint's position whose tile is sealed: the previous owner
   * applied it (it is durable) or reported it already. Nothing to do.
   */
  record Replayed(String storageName, NormalizedEvent event) implements RecordOutcome {}

  /**
   * A record that can never be applied: undecodable, oversized, an oversized entity key. Its view
   * is empty when the record could not be read.
   */
  record Poison(DeadLetterReason reason, String detail, String view, int viewVersion)
      implements RecordOutcome {}

  /**
   * An event of a view version the registry has not delivered: nothing changed; apply the record
   * again later, or dead-letter it {@code unknown_view}.
   */
  record UnknownView(String view, int viewVersion) implements RecordOutcome {}

  /**
   * A watermark sealed finest tiles or closed coarser ones. The owner writes {@code result} (rows
   * and their manifests, then the closes with a {@code CoarseCloser}), then a seal marker; a
   * follower keeps the rows in memory until that marker.
   */
  record Sealed(Lineage lineage, SealResult result) implements RecordOutcome {}

  /** A seal marker: the lineage's rows before {@code sealedBeforeMs} are durable. */
  record Marked(String storageName, long sealedBeforeMs) implements RecordOutcome {}

  /** A record that changes nothing here: a watermark that seals nothing, or of an unknown view. */
  record Skipped() implements RecordOutcome {}
}
