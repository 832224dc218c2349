package io.tessera.harness.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Streams events open-loop on a thread of its own: the number due is computed from the wall clock
 * (a base rate, with bursts), so a slow pipeline does not slow the producer down, and a tick that
 * ran late sends what it owes. Each stream's events go to its sink, which is flushed every tick.
 */
public final class StreamDriver implements AutoCloseable {

  private static final long TICK_MS = 10;

  /**
   * One generator and where its events go.
   *
   * @param events the generator
   * @param sink the source
   * @param share the fraction of the driver's rate this stream gets
   */
  public record Stream(RandomEvents events, EventSink sink, double share) {}

  /**
   * @param every a burst starts this often
   * @param length and lasts this long
   * @param multiplier at this many times the base rate
   */
  public record Bursts(Duration every, Duration length, double multiplier) {
    public static final Bursts NONE = new Bursts(Duration.ofDays(1), Duration.ZERO, 1);
  }

  private final List<Stream> streams;
  private final double ratePerSecond;
  private final Bursts bursts;
  private final EventLedger ledger;
  private final LongSupplier clock;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  /**
   * @param ledger records every send; null to keep none (benchmarks)
   */
  public StreamDriver(
      List<Stream> streams, double ratePerSecond, Bursts bursts, EventLedger ledger) {
    this.streams = List.copyOf(streams);
    this.ratePerSecond = ratePerSecond;
    this.bursts = bursts;
    this.ledger = ledger;
    this.clock = System::currentTimeMillis;
    this.thread = new Thread(this::run, "stream-driver");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long startMs = clock.getAsLong();
    double[] owed = new double[streams.size()];
    long lastMs = startMs;
    try {
      while (running) {
        long nowMs = clock.getAsLong();
        double rate = ratePerSecond * (inBurst(nowMs - startMs) ? bursts.multiplier() : 1);
        for (int i = 0; i < streams.size(); i++) {
          Stream stream = streams.get(i);
          owed[i] += rate * stream.share() * (nowMs - lastMs) / 1000.0;
          for (; owed[i] >= 1; owed[i]--) {
            SourceEvent event = stream.events().next(nowMs);
            if (ledger != null) {
              ledger.record(event, nowMs);
            }
            stream.sink().send(event);
            sent.incrementAndGet();
          }
          stream.sink().flush();
        }
        lastMs = nowMs;
        long spent = clock.getAsLong() - nowMs;
        if (spent < TICK_MS) {
          Thread.sleep(TICK_MS - spent); // pacing, not synchronization
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private boolean inBurst(long elapsedMs) {
    return elapsedMs % bursts.every().toMillis() < bursts.length().toMillis();
  }

  /** Events sent so far. */
  public long sent() {
    checkHealthy();
    return sent.get();
  }

  /** Fails if the driver thread died (a source refused events). */
  public void checkHealthy() {
    if (failure != null) {
      throw new IllegalStateException("the stream driver failed", failure);
    }
  }

  /** Stops producing and flushes what was sent. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    streams.forEach(stream -> stream.sink().flush());
    checkHealthy();
  }
}
