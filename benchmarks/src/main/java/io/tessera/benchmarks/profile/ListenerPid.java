package io.tessera.benchmarks.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The process listening on a local TCP port, from Linux's {@code /proc}: the listening socket's
 * inode from {@code /proc/net/tcp*}, then the process holding a descriptor to it. For servers this
 * checkout reuses but did not start (no pid file), so their CPU still shows in the report. Only
 * processes of the same user are visible, which is the case for the shared stack.
 */
public final class ListenerPid {
  /** {@code st} of a listening socket in {@code /proc/net/tcp}. */
  private static final String LISTEN = "0A";

  private ListenerPid() {}

  /** The pid, or -1 if none is found. */
  public static long of(int port) {
    Set<String> inodes = listeningInodes(port);
    if (inodes.isEmpty()) {
      return -1;
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        if (holdsAny(process, inodes)) {
          return Long.parseLong(process.getFileName().toString());
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private static Set<String> listeningInodes(int port) {
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode
          if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN)) {
            inodes.add(fields[9]);
          }
        }
      } catch (IOException e) {
        // no IPv6 table on this machine
      }
    }
    return inodes;
  }

  private static boolean holdsAny(Path process, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        String target = Files.readSymbolicLink(fd).toString();
        if (target.startsWith("socket:[")
            && inodes.contains(target.substring(8, target.length() - 1))) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      // a process that ended meanwhile, or one of another user
    }
    return false;
  }

  /**
   * The pid in {@code .stack/pids/<name>.pid}; if this checkout did not start the server (another
   * checkout's stack is reused), the process listening on {@code port}; -1 if neither is found.
   */
  public static long stackPid(Path root, String name, int port) {
    try {
      return Long.parseLong(Files.readString(root.resolve(".stack/pids/" + name + ".pid")).trim());
    } catch (IOException | NumberFormatException e) {
      return of(port);
    }
  }
}
