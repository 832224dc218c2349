package io.tessera.registry.store;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tessera.registry.RegistryProperties;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.service.cassandra.CassandraStartup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.cassandra.core.cql.CqlOperations;
import org.springframework.stereotype.Component;

/**
 * The registry's two Cassandra tables, created at start-up if missing:
 *
 * <ul>
 *   <li>{@code definition_versions}, partition {@code (kind, name)}, one row per version, newest
 *       first: immutable. A version number is taken with a lightweight transaction ({@code INSERT
 *       ... IF NOT EXISTS}), so two concurrent writers can never both get version N.
 *   <li>{@code definition_latest}, partition {@code kind}, one row per name: the latest version,
 *       its owner and tags (for listing) and the deletion state. Written {@code USING TIMESTAMP} of
 *       the version number, so whatever order concurrent writes land in, the highest version (and
 *       the furthest deletion) wins.
 * </ul>
 */
@Component
public class DefinitionStore {

  private static final String VERSION_COLUMNS =
      "kind, name, version, body, content_hash, change_kind, backfill_due, registered_by,"
          + " registered_at";

  private final CqlOperations cql;
  private final String versions;
  private final String latest;

  /** Creates the tables first, waiting for a Cassandra that is still starting. */
  public DefinitionStore(
      CqlOperations cql, RegistryProperties properties, CassandraStartup startup) {
    this.cql = cql;
    this.versions = properties.tablePrefix() + "definition_versions";
    this.latest = properties.tablePrefix() + "definition_latest";
    startup.run("create the registry's tables", () -> createTables(startup.ddlTimeout()));
  }

  private void createTables(Duration ddlTimeout) {
    schemaChange(
        ddlTimeout,
        "CREATE TABLE IF NOT EXISTS "
            + versions
            + " (kind text, name text, version int, body text, content_hash text,"
            + " change_kind text, backfill_due boolean, registered_by text,"
            + " registered_at timestamp, PRIMARY KEY ((kind, name), version))"
            + " WITH CLUSTERING ORDER BY (version DESC)");
    schemaChange(
        ddlTimeout,
        "CREATE TABLE IF NOT EXISTS "
            + latest
            + " (kind text, name text, latest_version int, content_hash text, owner text,"
            + " tags map<text, text>, deleted_through int, deleted_by text,"
            + " deleted_at timestamp, PRIMARY KEY ((kind), name))");
  }

  /** Schema changes wait for every node to agree, which takes far longer than a query. */
  private void schemaChange(Duration ddlTimeout, String cqlText) {
    cql.execute(SimpleStatement.newInstance(cqlText).setTimeout(ddlTimeout));
  }

  /** Stores a new version; false if that version number is taken already. */
  public boolean insert(StoredVersion version) {
    return cql.execute(
        "INSERT INTO "
            + versions
            + " ("
            + VERSION_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS",
        version.kind().wireName(),
        version.name(),
        version.version(),
        version.body(),
        version.contentHash(),
        version.changeKind(),
        version.backfillDue(),
        version.registeredBy(),
        version.registeredAt());
  }

  /** Points the name at {@code version}, unless a higher version got there first. */
  public void updateLatest(StoredVersion version) {
    cql.execute(
        "UPDATE "
            + latest
            + " USING TIMESTAMP ? SET latest_version = ?, content_hash = ?, owner = ?, tags = ?"
            + " WHERE kind = ? AND name = ?",
        (long) version.version(),
        version.version(),
        version.contentHash(),
        version.owner(),
        version.tags(),
        version.kind().wireName(),
        version.name());
  }

  /** Marks every version up to {@code throughVersion} deleted, unless more is deleted already. */
  public void markDeleted(
      DefinitionKind kind, String name, int throughVersion, String by, Instant at) {
    cql.execute(
        "UPDATE "
            + latest
            + " USING TIMESTAMP ? SET deleted_through = ?, deleted_by = ?, deleted_at = ?"
            + " WHERE kind = ? AND name = ?",
        (long) throughVersion,
        throughVersion,
        by,
        at,
        kind.wireName(),
        name);
  }

  /** The newest version of {@code name}, deleted or not. */
  public Optional<StoredVersion> newest(DefinitionKind kind, String name) {
    return cql
        .query(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM "
                + versions
                + " WHERE kind = ? AND name = ? LIMIT 1",
            (row, i) -> version(row),
            kind.wireName(),
            name)
        .stream()
        .findFirst();
  }

  public Optional<StoredVersion> version(DefinitionKind kind, String name, int version) {
    return cql
        .query(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM "
                + versions
                + " WHERE kind = ? AND name = ? AND version = ?",
            (row, i) -> version(row),
            kind.wireName(),
            name,
            version)
        .stream()
        .findFirst();
  }

  /** Every version of {@code name}, newest first. */
  public List<StoredVersion> versions(DefinitionKind kind, String name) {
    return cql.query(
        "SELECT " + VERSION_COLUMNS + " FROM " + versions + " WHERE kind = ? AND name = ?",
        (row, i) -> version(row),
        kind.wireName(),
        name);
  }

  /** The pointer row of {@code name}, if it was written. */
  public Optional<NameState> state(DefinitionKind kind, String name) {
    return cql
        .query(
            "SELECT * FROM " + latest + " WHERE kind = ? AND name = ?",
            (row, i) -> state(kind, row),
            kind.wireName(),
            name)
        .stream()
        .findFirst();
  }

  /** The pointer rows of every name of {@code kind}, by name. */
  public List<NameState> states(DefinitionKind kind) {
    return cql.query(
        "SELECT * FROM " + latest + " WHERE kind = ?",
        (row, i) -> state(kind, row),
        kind.wireName());
  }

  /**
   * Every name that has a stored version, whether or not its pointer was written (a crash between
   * the two writes leaves it unwritten; the reconciler repairs it). A full scan of the partition
   * keys: the registry holds thousands of names, not millions.
   */
  public List<String> storedNames(DefinitionKind kind) {
    return cql.query("SELECT DISTINCT kind, name FROM " + versions, (row, i) -> row).stream()
        .filter(row -> kind.wireName().equals(row.getString("kind")))
        .map(row -> row.getString("name"))
        .sorted()
        .toList();
  }

  private static StoredVersion version(Row row) {
    return new StoredVersion(
        DefinitionKind.fromWireName(row.getString("kind")),
        row.getString("name"),
        row.getInt("version"),
        row.getString("body"),
        row.getString("content_hash"),
        row.getString("change_kind"),
        row.getBoolean("backfill_due"),
        row.getString("registered_by"),
        row.getInstant("registered_at"));
  }

  private static NameState state(DefinitionKind kind, Row row) {
    Map<String, String> tags = row.getMap("tags", String.class, String.class);
    return new NameState(
        kind,
        row.getString("name"),
        row.getInt("latest_version"),
        row.getString("content_hash"),
        row.getString("owner"),
        tags == null ? Map.of() : tags,
        row.getInt("deleted_through"),
        row.getString("deleted_by"),
        row.getInstant("deleted_at"));
  }
}
