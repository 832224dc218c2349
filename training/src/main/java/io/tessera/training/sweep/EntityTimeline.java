package io.tessera.training.sweep;

import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One view's values for one entity at the spine times a sweep loaded it for, answered from memory,
 * and what the store holds of the entity's raw history (for a batch source's older events).
 */
public interface EntityTimeline {

  /** The values serving answers at {@code tMs}, one of the times the timeline was loaded for. */
  ViewValues at(long tMs);

  /**
   * The oldest event time the store holds for the entity, not before retention: a window reaching
   * before it is folded from the view's batch source instead. {@link Long#MIN_VALUE} when the store
   * is the whole history (batch history then never applies).
   */
  long horizonMs(long retentionMs, long nowMs);

  /** The store's raw events of the entity with {@code fromMs <= eventTime < toMs}. */
  CompletionStage<List<Event>> storedEvents(long fromMs, long toMs);
}
