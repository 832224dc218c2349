/**
 * The streaming core, pure: the open state of one view lineage on one normalized-topic partition
 * ({@link io.tessera.engine.open.OpenState}), which applies the partition's records and says what
 * to seal and close, and the closing of coarse tiles from the store ({@link
 * io.tessera.engine.open.CoarseCloser}, with {@link io.tessera.engine.open.Rollup}). The
 * aggregation owner writes the results through {@link io.tessera.engine.sealed.SealedStore};
 * serving followers apply the same records and only read.
 *
 * <h2>Determinism</h2>
 *
 * Every decision is a function of the records in offset order: an event is a duplicate, too late or
 * applied by the state those records built; a finest tile seals when an in-band watermark record
 * passes its end plus the allowed lateness; a coarse tile closes when its last finest tile seals. A
 * sealed tile is recomputed from its events in canonical (event time, event id) order and covers
 * the highest offset among them, so its bytes depend on the set of events alone, not on arrival
 * order; sealed rows, manifests and closes are listed in sorted order. The owner, a restarted
 * owner, a zombie and every follower therefore compute the same rows, and writing a row twice
 * stores the same bytes.
 *
 * <h2>Coarse tiles: manifests, not memory</h2>
 *
 * With the sealed rows of a finest tile the owner writes, in the same write round, its manifest:
 * the sorted keys of the entities sealed in that tile on the partition (one row per partition and
 * finest tile). A coarse tile that closes is rolled up by {@link
 * io.tessera.engine.open.CoarseCloser} for exactly the entities its children's manifests name, from
 * their stored children, and gets a manifest of its own (after its tiles) for the next level. The
 * open state keeps only the starts of coarse tiles with children; the manifests are a pure function
 * of the sealed rows, so a rewrite stores the same list.
 *
 * <h2>Exactly once, across a takeover</h2>
 *
 * The owner writes a checkpoint once the writes of every advance so far are durable: per view its
 * {@link io.tessera.engine.open.OpenState#progress progress} (watermark, seal point {@code S},
 * coarse tiles closed through), and as {@code nextOffset} the lowest {@link
 * io.tessera.engine.open.OpenState#replayFromOffset replayFromOffset} of its views (or the position
 * when nothing is open). A new owner restores each view ({@link
 * io.tessera.engine.open.OpenState#restored}) and replays from {@code nextOffset}. The replay
 * rebuilds the same open tiles, and it reaches back only to the oldest event of a finest tile open
 * at the checkpoint (about the lateness plus a finest tile), whatever coarse tiles are open:
 *
 * <ul>
 *   <li>an event at or after {@code S} that was applied before the checkpoint sits in an open tile,
 *       so its offset is at or after {@code nextOffset}: it is replayed and applied again, in the
 *       same order, with the same duplicates refused;
 *   <li>an event before {@code S} is {@code TooLate}: either it is in a sealed, durable row (it
 *       counts once, from there) or it was too late the first time too;
 *   <li>watermark records up to the checkpoint are at or behind the restored watermark and change
 *       nothing; later records find the same state the first run had, so they seal the same tiles.
 * </ul>
 *
 * Coarse tiles need nothing from the replay. Their children before {@code S} and those children's
 * manifests are durable (the checkpoint is written after them), the restored state notes the coarse
 * tiles {@code S} is in as open, and their closes read the manifests from the store; the children
 * sealed after the restore come with manifests of their own, the same the first run wrote. A
 * restored state may close a tile with no child on the partition; its manifests are empty and it
 * writes nothing, so the rows are the same.
 *
 * <p>De-duplication is exact within the open range: an event id already applied in an entity's open
 * tile is a {@code Duplicate}. A redelivery of an event whose tile is sealed is {@code TooLate} and
 * dropped: it cannot change a sealed value. So is a replayed record of a tile sealed before the
 * checkpoint; such a record was either applied (and is durable) or dead-lettered already, so the
 * owner must not dead-letter a {@code TooLate} whose event id the sealed row of its tile holds
 * ({@link io.tessera.engine.sealed.SealedStore#readEvents}).
 */
package io.tessera.engine.open;
