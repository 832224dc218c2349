package io.tessera.benchmarks.metrics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Requests one process sent to the Cassandra node, counted by the node itself: {@code
 * system_views.clients} has a {@code request_count} per client connection, and the connection's
 * port is the client's local port, which {@code /proc} maps to the process holding the socket. So
 * the count is the server's, per process, whatever else (other tests, other benchmarks) uses the
 * same node. It includes the driver's own control queries and heartbeats (a few a second).
 */
public final class CassandraRequests {
  private final CqlSession session;
  private final int cassandraPort;

  /**
   * @param session any session to the node (the query reads a virtual table of that node)
   */
  public CassandraRequests(CqlSession session, int cassandraPort) {
    this.session = session;
    this.cassandraPort = cassandraPort;
  }

  /** A snapshot: request count by client port, of the connections of {@code pid}. */
  public Map<Integer, Long> snapshot(long pid) {
    Set<Integer> ports = clientPorts(pid);
    Map<Integer, Long> counts = new HashMap<>();
    for (Row row : session.execute("SELECT port, request_count FROM system_views.clients")) {
      int port = row.getInt("port");
      if (ports.contains(port)) {
        counts.merge(port, row.getLong("request_count"), Long::sum);
      }
    }
    return counts;
  }

  /**
   * Requests between two snapshots of the same process: a connection opened in between counts from
   * zero.
   */
  public static long between(Map<Integer, Long> before, Map<Integer, Long> after) {
    long requests = 0;
    for (Map.Entry<Integer, Long> connection : after.entrySet()) {
      requests += Math.max(0, connection.getValue() - before.getOrDefault(connection.getKey(), 0L));
    }
    return requests;
  }

  /** Local ports of the process's TCP connections to the Cassandra port. */
  private Set<Integer> clientPorts(long pid) {
    Set<String> inodes = socketInodes(pid);
    String remote = ":" + String.format(Locale.ROOT, "%04X", cassandraPort);
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode
          if (fields.length > 9 && fields[2].endsWith(remote) && inodes.contains(fields[9])) {
            String local = fields[1];
            ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
          }
        }
      } catch (IOException e) {
        // no IPv6 table on this machine
      }
    }
    return ports;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return inodes;
  }
}
