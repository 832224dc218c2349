/**
 * Kinesis stream sources with the AWS SDK v2 polling API (the Kinesis Client Library needs DynamoDB
 * and enhanced fan-out, which the local Kinesis-API server lacks): every shard, parents before
 * children after a reshard, checkpoints and shard leases in Cassandra (lightweight transactions),
 * so a restart resumes and several ingest instances split the shards.
 */
package io.tessera.ingest.kinesis;
