/**
 * The streaming core shared by the aggregation owner and every serving follower: a normalized
 * partition's records applied, in offset order, to the open state of each view lineage ({@link
 * io.tessera.streamcore.partition.PartitionState}). Owner and follower run the same code over the
 * same records, so they hold the same state and seal the same bytes; the owner writes what is
 * sealed, a follower keeps it in memory until the owner's seal marker says it is durable. A
 * follower reads an entity's view from both ({@link
 * io.tessera.streamcore.read.FollowerViewReader}): the store before the durable seal point, memory
 * after it.
 */
package io.tessera.streamcore;
