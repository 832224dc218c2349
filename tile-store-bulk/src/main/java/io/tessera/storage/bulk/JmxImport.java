package io.tessera.storage.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Imports SSTables through the node's JMX: the table MBean's {@code importNewSSTables}, what {@code
 * nodetool import} calls. The node reads the files from its own file system, so the directories
 * must be on it (the same machine, or a volume both mount); it moves them into the table's data
 * directory, which is a rename when they are on the same file system as its data.
 *
 * @param host the node's JMX host (the local stack's node listens on the loopback interface only)
 * @param port its JMX port ({@code -Dcassandra.jmx.local.port}, 7199 by default)
 */
public record JmxImport(String host, int port) implements SSTableImport {

  /**
   * Cassandra 5's {@code ColumnFamilyStoreMBean.importNewSSTables(Set<String> srcPaths, boolean
   * resetLevel, boolean clearRepaired, boolean verifySSTables, boolean verifyTokens, boolean
   * invalidateCaches, boolean extendedVerify, boolean copyData)}, returning the directories that
   * failed.
   */
  private static final String[] SIGNATURE = {
    Set.class.getName(), "boolean", "boolean", "boolean", "boolean", "boolean", "boolean", "boolean"
  };

  @Override
  public void importInto(String keyspace, String table, Set<Path> directories) {
    Set<String> paths = new HashSet<>();
    directories.forEach(directory -> paths.add(directory.toAbsolutePath().toString()));
    Object[] arguments = {
      paths,
      true, // resetLevel: imported files start at level 0, as nodetool import does
      true, // clearRepaired: nothing here was repaired
      false, // verifySSTables: written a moment ago by this node's own code, checksummed
      false, // verifyTokens: one node owns every token; a cluster loads instead of importing
      true, // invalidateCaches: no cached row of these keys may hide the imported cells
      false, // extendedVerify
      false // copyData: move, the files are this import's alone
    };
    try (JMXConnector connector = connect()) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      @SuppressWarnings("unchecked")
      List<String> failed =
          (List<String>)
              server.invoke(tableBean(keyspace, table), "importNewSSTables", arguments, SIGNATURE);
      if (!failed.isEmpty()) {
        throw new IllegalStateException(
            "Cassandra could not import " + failed + " into " + keyspace + "." + table);
      }
    } catch (IOException | JMException e) {
      throw new IllegalStateException(
          "importing SSTables into " + keyspace + "." + table + " over JMX at " + address(), e);
    }
  }

  /**
   * Why imports into {@code keyspace.table} cannot work from here, or empty when the node answers
   * and has that table: a writer checks this once before it chooses bulk writes.
   */
  public Optional<String> unavailable(String keyspace, String table) {
    try (JMXConnector connector = connect()) {
      if (!connector.getMBeanServerConnection().isRegistered(tableBean(keyspace, table))) {
        return Optional.of("the node at " + address() + " has no table " + keyspace + "." + table);
      }
      return Optional.empty();
    } catch (IOException | JMException | SecurityException e) {
      return Optional.of("no JMX answer at " + address() + ": " + e);
    }
  }

  private JMXConnector connect() throws IOException {
    return JMXConnectorFactory.connect(
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + address() + "/jmxrmi"));
  }

  private String address() {
    return host + ":" + port;
  }

  private static ObjectName tableBean(String keyspace, String table) throws JMException {
    return new ObjectName(
        "org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table=" + table);
  }
}
