package io.tessera.engine.open;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap one process lets the open states of all its partitions and lineages hold (invariant 9),
 * and the directory their raw events spill to past it. Shared by every {@link OpenState} of a
 * process: each reports what it holds, and a state that grows while the total is over the budget
 * moves its raw events to an {@link EventSpill} in {@link #directory()}, keeping in memory only
 * what a read of whole open tiles and the de-duplication need (the tile's IR, 8 bytes per event
 * id).
 *
 * <p>Why spill and not pause: watermarks travel in-band, in the same partitions as the events, so a
 * consumer that stops reading to wait for memory also stops reading the watermark that would seal
 * and free it. Spilling keeps the log flowing; what stays in memory grows with the entity-minutes
 * open, not with the events in them.
 *
 * <p>Thread-safe: states of different partitions may apply records on different threads.
 */
public final class OpenStateBudget {
  /**
   * The share of the heap a budget left at 0 gets: the open state is most of what an owner or a
   * follower holds, and the rest (caches, the Kafka consumer's fetch buffers, requests, garbage
   * awaiting collection) needs the other part.
   */
  public static final double DEFAULT_HEAP_SHARE = 0.4;

  private final long maxBytes;
  private final Path directory;
  private final AtomicLong heldBytes = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();

  private OpenStateBudget(long maxBytes, Path directory) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("an open-state budget must be positive, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.directory = directory;
  }

  /**
   * A budget of {@code maxBytes} of estimated heap, spilling to files in {@code directory} (created
   * if missing). Spill files are unlinked as soon as they are open, so nothing is left behind when
   * the process dies, whatever the way.
   */
  public static OpenStateBudget of(long maxBytes, Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the spill directory " + directory, e);
    }
    return new OpenStateBudget(maxBytes, directory);
  }

  /**
   * A budget as services configure it: {@code maxBytes}, or {@link #DEFAULT_HEAP_SHARE} of the
   * largest heap this JVM may use when it is 0; spill files in {@code directory}, or in {@code
   * tessera-spill} under the JVM's temporary directory when it is blank.
   */
  public static OpenStateBudget configured(long maxBytes, String directory) {
    long bytes =
        maxBytes > 0 ? maxBytes : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
    Path path =
        directory.isBlank()
            ? Path.of(System.getProperty("java.io.tmpdir"), "tessera-spill")
            : Path.of(directory);
    return of(bytes, path);
  }

  /** No limit: nothing ever spills (tests and tools that hold little). */
  public static OpenStateBudget unbounded() {
    return new OpenStateBudget(Long.MAX_VALUE, null);
  }

  /** Whether what the holders report together is more than the budget: time to spill. */
  public boolean over() {
    return heldBytes.get() > maxBytes;
  }

  /**
   * How many bytes of raw events a holder should have in memory before it spills while over the
   * budget: 1/256 of the budget. Spilling less frees too little to matter, and spilling after every
   * event (when what cannot spill already fills the budget) would write a segment per event and
   * read them back one by one at the seal. The holders may pass the budget by this much each.
   */
  public long spillAtBytes() {
    return maxBytes / 256;
  }

  /** Reports a change of what one holder keeps in memory (negative when it frees). */
  public void held(long deltaBytes) {
    heldBytes.addAndGet(deltaBytes);
  }

  void spilled(long deltaBytes) {
    spilledBytes.addAndGet(deltaBytes);
  }

  Path directory() {
    return directory;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The estimated heap the open states hold now. */
  public long heldBytes() {
    return heldBytes.get();
  }

  /** The bytes of raw events in spill files now (freed when their minutes seal). */
  public long spilledBytes() {
    return spilledBytes.get();
  }
}
