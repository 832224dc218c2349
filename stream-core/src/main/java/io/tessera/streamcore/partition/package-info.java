/**
 * One normalized partition's records applied to the open state of every view lineage on it.
 *
 * <p>{@link io.tessera.streamcore.partition.PartitionState} decodes each record and decides, from
 * the records before it alone, what it is: an applied event, a duplicate, a late event, a replay of
 * something a previous owner already handled, a poison record, or a watermark that seals finest
 * tiles and closes coarser ones. The owner writes what is sealed and then a seal marker; a follower
 * keeps sealed tiles in memory ({@link io.tessera.streamcore.partition.SealedBuffer}) until it
 * reads that marker, so a read takes every tile from exactly one place: the store before the
 * durable seal point, memory after it.
 */
package io.tessera.streamcore.partition;
