/**
 * The aggregation owner: a processor writing to a store through one port. {@link
 * io.tessera.aggregation.owner.OwnerLoop} applies each owned partition's records to a {@code
 * PartitionState} (stream-core) and turns what they seal into write jobs ({@link
 * io.tessera.aggregation.owner.SealWriter}: rows and manifests, roll-ups, then a seal marker in the
 * partition), each followed by the partition's checkpoint and offset commit.
 */
package io.tessera.aggregation.owner;
