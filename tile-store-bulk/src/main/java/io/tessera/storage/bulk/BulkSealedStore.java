package io.tessera.storage.bulk;

import io.tessera.engine.sealed.ForwardingSealedStore;
import io.tessera.engine.sealed.SealedBatch;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.storage.sealed.FinestResolution;
import io.tessera.storage.sealed.SealedRows;
import io.tessera.storage.sealed.ViewRetention;

/**
 * The storage port with bulk batches: {@link #openBatch} writes a batch's rows as SSTables in this
 * process and imports them into the node at its commit ({@link SSTableBatch}), instead of a request
 * per row; everything else is the decorated store's (the CQL store: reads, checkpoints, and writes
 * outside a batch). A backfill unit writes through one batch, so its rows reach Cassandra as a few
 * files; its rows, tiles and manifests are those the CQL store writes, encoded by the same {@link
 * SealedRows} with the same finest resolutions and retention.
 */
public final class BulkSealedStore extends ForwardingSealedStore {
  private final SealedRows rows;
  private final BulkSettings settings;
  private final SSTableImport importer;

  /**
   * @param store the CQL store of the same tables, for everything but batches
   * @param finest the finest resolutions the CQL store was made with
   * @param retention the retention the CQL store was made with
   */
  public BulkSealedStore(
      SealedStore store,
      FinestResolution finest,
      ViewRetention retention,
      BulkSettings settings,
      SSTableImport importer) {
    super(store);
    this.rows = new SealedRows(finest, retention);
    this.settings = settings;
    this.importer = importer;
  }

  @Override
  public SealedBatch openBatch() {
    return new SSTableBatch(rows, settings, importer);
  }
}
