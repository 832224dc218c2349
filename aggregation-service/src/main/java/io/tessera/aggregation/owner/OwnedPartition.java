package io.tessera.aggregation.owner;

import io.tessera.aggregation.deadletter.DeadLetterPublisher;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordOutcome;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One owned partition: its {@link PartitionState}, the chain of its write jobs, and where it
 * stands. Records are applied on the loop thread; a job runs its writes asynchronously, after the
 * previous job of the partition completed (so markers and checkpoints follow the log's order), then
 * writes the checkpoint taken right after the record that called for it. The loop commits the
 * durable checkpoint's {@code nextOffset} to Kafka.
 *
 * <p>Dead letters sent since the previous job are part of the next job: a checkpoint never passes a
 * record whose dead letter was not acknowledged (a restored owner reports records after the
 * checkpoint's position again, never those before it).
 */
final class OwnedPartition {
  /** What the loop does after a record. */
  enum Step {
    /** Go on with the next record. */
    NEXT,
    /** Seek back to this record and try it again after the backoff. */
    HOLD
  }

  private final String topic;
  private final int partition;
  private final PartitionState state;
  private final SealedStore store;
  private final SealWriter writer;
  private final DeadLetterPublisher deadLetters;
  private final AggregationMetrics metrics;
  private final OwnerSettings settings;
  private final InstantSource clock;
  private final Executor jobs;
  private final AtomicInteger jobsInFlight = new AtomicInteger();
  private final List<CompletableFuture<Void>> lettersInFlight = new ArrayList<>();
  private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
  private volatile PartitionCheckpoint durable;
  private volatile Throwable failure;
  private long positionOffset;
  private long checkpointedPosition;
  private long committedNextOffset;
  private long heldOffset = -1;
  private long heldSinceMs;
  private long resumeAtMs;

  OwnedPartition(
      String topic,
      PartitionState state,
      long startOffset,
      long restoredPosition,
      OwnerContext context) {
    this.topic = topic;
    this.partition = state.partition();
    this.state = state;
    this.store = context.store();
    this.writer = context.writer();
    this.deadLetters = context.deadLetters();
    this.metrics = context.metrics();
    this.settings = context.settings();
    this.clock = context.clock();
    this.jobs = context.jobs();
    this.positionOffset = startOffset;
    this.checkpointedPosition = restoredPosition;
    this.committedNextOffset = startOffset;
  }

  /** Applies the record and acts on its outcome. */
  Step process(ConsumerRecord<byte[], byte[]> record) {
    long offset = record.offset();
    RecordOutcome outcome = state.apply(offset, record.value());
    if (outcome instanceof RecordOutcome.Applied applied) {
      metrics.event(applied.storageName(), "applied");
    } else if (outcome instanceof RecordOutcome.Duplicate duplicate) {
      metrics.event(duplicate.storageName(), "duplicate");
    } else if (outcome instanceof RecordOutcome.Backfilled backfilled) {
      metrics.event(backfilled.storageName(), "backfilled");
    } else if (outcome instanceof RecordOutcome.Replayed replayed) {
      metrics.event(replayed.storageName(), "replayed");
    } else if (outcome instanceof RecordOutcome.Marked marked) {
      metrics.event(marked.storageName(), "marker");
    } else if (outcome instanceof RecordOutcome.TooLate late) {
      metrics.event(late.storageName(), "too_late");
      NormalizedEvent event = late.event();
      letter(
          record,
          DeadLetterReason.TOO_LATE,
          "event time "
              + event.eventTimeMs()
              + " is before the sealed time "
              + late.sealedBeforeMs()
              + " (allowed lateness passed); backfill heals sealed history",
          event.view(),
          event.viewVersion());
    } else if (outcome instanceof RecordOutcome.Poison poison) {
      letter(record, poison.reason(), poison.detail(), poison.view(), poison.viewVersion());
    } else if (outcome instanceof RecordOutcome.UnknownView unknown) {
      long nowMs = clock.millis();
      if (heldOffset != offset) {
        heldOffset = offset;
        heldSinceMs = nowMs;
      }
      if (nowMs - heldSinceMs < settings.unknownViewWait().toMillis()) {
        resumeAtMs = nowMs + settings.retryBackoff().toMillis();
        return Step.HOLD;
      }
      metrics.event(unknown.view(), "unknown_view");
      letter(
          record,
          DeadLetterReason.UNKNOWN_VIEW,
          "the registry did not deliver version "
              + unknown.viewVersion()
              + " within "
              + settings.unknownViewWait(),
          unknown.view(),
          unknown.viewVersion());
    } else if (outcome instanceof RecordOutcome.Sealed sealed) {
      PartitionCheckpoint checkpoint = state.checkpoint(offset + 1);
      enqueue(() -> writer.write(partition, sealed.lineage(), sealed.result()), checkpoint);
    }
    // Skipped: a watermark that sealed nothing, or one of a view version not known yet.
    heldOffset = -1;
    positionOffset = offset + 1;
    return Step.NEXT;
  }

  /**
   * Checkpoints the position if it moved and no job is in flight (the loop calls it periodically).
   */
  void checkpointIfIdle() {
    if (jobsInFlight.get() == 0 && positionOffset > checkpointedPosition) {
      enqueue(() -> CompletableFuture.completedFuture(null), state.checkpoint(positionOffset));
    }
  }

  private void enqueue(Supplier<CompletableFuture<Void>> writes, PartitionCheckpoint checkpoint) {
    CompletableFuture<Void> letters =
        CompletableFuture.allOf(lettersInFlight.toArray(CompletableFuture[]::new));
    lettersInFlight.clear();
    checkpointedPosition = Math.max(checkpointedPosition, checkpoint.positionOffset());
    jobsInFlight.incrementAndGet();
    chain =
        chain
            .thenComposeAsync(previous -> writes.get(), jobs)
            .thenCompose(written -> letters)
            .thenCompose(acked -> store.writeCheckpoint(checkpoint))
            .whenComplete(
                (done, error) -> {
                  jobsInFlight.decrementAndGet();
                  if (error != null) {
                    failure = error;
                  } else {
                    durable = checkpoint;
                  }
                });
  }

  private void letter(
      ConsumerRecord<byte[], byte[]> record,
      DeadLetterReason reason,
      String detail,
      String view,
      int version) {
    SourcePosition source =
        new SourcePosition(
            "normalized",
            record.topic(),
            Integer.toString(record.partition()),
            Long.toString(record.offset()));
    byte[] original = record.value() == null ? new byte[0] : record.value();
    lettersInFlight.add(
        deadLetters.send(
            DeadLetter.of(
                reason,
                detail,
                view == null ? "" : view,
                Math.max(1, version),
                source,
                clock.millis(),
                original)));
  }

  /**
   * The checkpoint's {@code nextOffset} to commit, if a job completed since the last call moved it.
   */
  long takeCommit() {
    PartitionCheckpoint done = durable;
    if (done == null || done.nextOffset() <= committedNextOffset) {
      return -1;
    }
    committedNextOffset = done.nextOffset();
    return committedNextOffset;
  }

  /**
   * Waits (bounded) for the jobs in flight, after one last checkpoint at the position: the next
   * owner restores from exactly where this one stopped, and reports nothing again.
   *
   * @return whether every job completed
   */
  boolean drain(boolean checkpoint) {
    if (checkpoint && failure == null) {
      if (positionOffset > checkpointedPosition) {
        enqueue(() -> CompletableFuture.completedFuture(null), state.checkpoint(positionOffset));
      }
    }
    try {
      chain.get(settings.drainWait().toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  boolean backlogged() {
    return jobsInFlight.get() > settings.maxJobsInFlight();
  }

  boolean holding(long nowMs) {
    return nowMs < resumeAtMs;
  }

  Throwable failure() {
    return failure;
  }

  long positionOffset() {
    return positionOffset;
  }

  /** Gives the partition's open state back to the budget: it was revoked or lost. */
  void release() {
    state.release();
  }

  String topic() {
    return topic;
  }
}
