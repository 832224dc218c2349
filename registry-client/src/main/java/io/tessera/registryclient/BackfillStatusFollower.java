package io.tessera.registryclient;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the {@code backfill-status} topic from the beginning and follows it, handing every status
 * to a listener: serving and ingest record completions ({@link BackfillCompletions#recorder()}),
 * which decide which versions serve and are fed; the registry keeps every status for its API. No
 * consumer group: every instance needs every record, and none is ever committed. A missing topic
 * means no backfill has any status yet; it is looked for again every second.
 */
public final class BackfillStatusFollower implements AutoCloseable {
  private final TopicFollower<BackfillStatus> follower;

  /**
   * @param listener called on the follower's thread with every status, in topic order
   */
  public BackfillStatusFollower(
      Map<String, Object> kafkaProperties, String topic, Consumer<BackfillStatus> listener) {
    this.follower =
        new TopicFollower<>(kafkaProperties, topic, BackfillCodec::decodeStatus, listener);
  }

  public BackfillStatusFollower start() {
    follower.start();
    return this;
  }

  /**
   * A follower started and caught up (or {@code wait} spent): what a service that decides versions
   * from completions builds before it decides any, so a restart never goes back a version.
   */
  public static BackfillStatusFollower startCaughtUp(
      Map<String, Object> kafkaProperties,
      String topic,
      Consumer<BackfillStatus> listener,
      Duration wait)
      throws InterruptedException {
    BackfillStatusFollower follower = new BackfillStatusFollower(kafkaProperties, topic, listener);
    follower.follower.startCaughtUp(wait);
    return follower;
  }

  public String topic() {
    return follower.topic();
  }

  /**
   * Waits until the statuses on the topic when the follower started were handed over (at once when
   * the topic does not exist yet). A service that decides versions from them waits for this before
   * it starts, so a restart never goes back to an older version for a moment.
   *
   * @return false if the timeout passed first
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return follower.awaitCaughtUp(timeout);
  }

  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  /** Why the follower stopped following, if it did (it does not restart). */
  public Optional<RuntimeException> failure() {
    return follower.failure();
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
