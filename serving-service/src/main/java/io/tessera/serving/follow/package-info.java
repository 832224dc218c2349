/**
 * Serving as a follower of the streaming core: one consumer thread applies every partition of the
 * normalized topic to a {@code PartitionState} in the follower role, from the owner's checkpoint,
 * so serving holds the same open state as the aggregation owner without writing anything; requests
 * read an entity's partition state merged with the sealed rows before its durable seal point
 * ({@code FollowerViewReader}). Readiness refuses traffic until the follower has caught up with the
 * topic as it stood at start.
 */
package io.tessera.serving.follow;
