/**
 * Tiles: pre-aggregated IRs of one entity over an epoch-aligned span at one resolution. {@link
 * io.tessera.engine.tile.Tiling} writes the tiling rule down once; {@link
 * io.tessera.engine.tile.TileCodec} owns the tile payload layout; {@link
 * io.tessera.engine.tile.CanonicalTiles} is the one way to compute a tile from events, shared by
 * sealing and backfill so their tiles are byte-identical.
 */
package io.tessera.engine.tile;
