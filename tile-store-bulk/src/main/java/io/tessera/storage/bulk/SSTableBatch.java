package io.tessera.storage.bulk;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.sealed.SealedBatch;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileRow;
import io.tessera.storage.sealed.EncodedMinute;
import io.tessera.storage.sealed.SealedInsert;
import io.tessera.storage.sealed.SealedRow;
import io.tessera.storage.sealed.SealedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;

/**
 * One batch of a {@link BulkSealedStore}: its rows, encoded by {@link SealedRows} exactly as the
 * CQL store encodes them, appended to one {@code CQLSSTableWriter} per kind of row (each writer has
 * one insert, and Cassandra's, so the same columns and TTL), each in a directory of its own under
 * the batch's. The commit finishes the files and imports each table's directories in one call; a
 * write completes when its rows are appended. A batch is written by one thread at a time (a work
 * unit), and its methods are synchronized for the stages that continue on another.
 */
final class SSTableBatch implements SealedBatch {
  private final SealedRows rows;
  private final BulkSettings settings;
  private final SSTableImport importer;
  private final Path directory;
  private final Map<SealedInsert, CQLSSTableWriter> writers = new EnumMap<>(SealedInsert.class);
  private boolean committed;

  SSTableBatch(SealedRows rows, BulkSettings settings, SSTableImport importer) {
    this.rows = rows;
    this.settings = settings;
    this.importer = importer;
    try {
      Files.createDirectories(settings.directory());
      this.directory = Files.createTempDirectory(settings.directory(), "batch-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a bulk batch under " + settings.directory(), e);
    }
  }

  @Override
  public synchronized CompletionStage<Void> writeMinutes(List<SealedMinute> minutes) {
    return appended(
        () ->
            minutes.stream()
                .map(rows::minute)
                .flatMap(
                    (EncodedMinute minute) ->
                        Stream.concat(Stream.of(minute.tile()), minute.events().stream())));
  }

  @Override
  public synchronized CompletionStage<Void> writeManifests(List<SealedManifest> manifests) {
    return appended(() -> manifests.stream().flatMap(m -> rows.manifest(m).stream()));
  }

  @Override
  public synchronized CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles) {
    return appended(() -> rows.tiles(entity, tiles).stream());
  }

  /**
   * Finishes every file and imports them, one call per table; the batch's directory is removed
   * whatever happens.
   */
  @Override
  public synchronized CompletionStage<Void> commit() {
    try {
      committed = true;
      Map<String, Set<Path>> byTable = new LinkedHashMap<>();
      for (Map.Entry<SealedInsert, CQLSSTableWriter> writer : writers.entrySet()) {
        writer.getValue().close();
        byTable
            .computeIfAbsent(writer.getKey().table(settings.schema()), t -> new LinkedHashSet<>())
            .add(directoryOf(writer.getKey()));
      }
      writers.clear();
      byTable.forEach(
          (table, directories) -> importer.importInto(settings.keyspace(), table, directories));
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      close();
    }
  }

  @Override
  public synchronized void close() {
    for (CQLSSTableWriter writer : writers.values()) {
      try {
        writer.close();
      } catch (IOException | RuntimeException e) {
        // the batch is abandoned: its files are deleted below, nothing was imported
      }
    }
    writers.clear();
    deleteRecursively(directory);
  }

  private CompletionStage<Void> appended(Supplier<Stream<SealedRow>> encoded) {
    if (committed) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("a bulk batch takes no writes after its commit"));
    }
    try {
      for (SealedRow row : (Iterable<SealedRow>) encoded.get()::iterator) {
        writer(row.insert()).addRow(row.values());
      }
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CQLSSTableWriter writer(SealedInsert insert) throws IOException {
    CQLSSTableWriter writer = writers.get(insert);
    if (writer == null) {
      Path into = Files.createDirectories(directoryOf(insert));
      writer = SSTableWriters.open(settings, insert, into);
      writers.put(insert, writer);
    }
    return writer;
  }

  /**
   * A writer's own directory, ending in {@code keyspace/table} as the node expects of files it
   * imports (it reads the keyspace and table of an SSTable from its directory's names).
   */
  private Path directoryOf(SealedInsert insert) {
    return directory
        .resolve(insert.name().toLowerCase(Locale.ROOT))
        .resolve(settings.keyspace())
        .resolve(insert.table(settings.schema()));
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(SSTableBatch::deleteQuietly);
    } catch (IOException e) {
      // left for the next clean of the directory; nothing reads it
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // as above
    }
  }
}
