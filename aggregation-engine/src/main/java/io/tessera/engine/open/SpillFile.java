package io.tessera.engine.open;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The spilled raw events of one finest tile start of one open state: an append-only file of
 * segments, read back at random positions, closed when the tile start seals. The file is unlinked
 * right after it is opened, so the operating system frees it when the channel closes or the process
 * dies; a replay rebuilds the state from the log, never from a spill file.
 *
 * <p>Positional reads may run on request threads while the consumer thread appends: {@link
 * FileChannel} allows both at once, and a segment is read only after its append returned.
 */
final class SpillFile implements AutoCloseable {
  private final FileChannel channel;
  private long size;

  private SpillFile(FileChannel channel) {
    this.channel = channel;
  }

  static SpillFile create(Path directory) {
    try {
      Path path = Files.createTempFile(directory, "open-tiles-", ".spill");
      FileChannel channel =
          FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        Files.delete(path);
      } catch (IOException e) {
        path.toFile().deleteOnExit(); // a file system that cannot unlink an open file
      }
      return new SpillFile(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spill file in " + directory, e);
    }
  }

  /** Appends {@code bytes[0..length)} and returns the position they start at. */
  long append(byte[] bytes, int length) {
    long position = size;
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer, position + buffer.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a spill file", e);
    }
    size += length;
    return position;
  }

  byte[] read(long position, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw new IOException("spill file ends before " + (position + length));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a spill file", e);
    }
    return buffer.array();
  }

  long size() {
    return size;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close a spill file", e);
    }
  }
}
