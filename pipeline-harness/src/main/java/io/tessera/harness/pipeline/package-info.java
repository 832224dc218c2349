/**
 * One Tessera pipeline of real service processes (registry, ingest, aggregation) with topics of its
 * own, so a run shares the Kafka cluster and the test keyspace with other runs but none of their
 * data: {@link io.tessera.harness.pipeline.PipelineNames} names everything, {@link
 * io.tessera.harness.pipeline.ServiceSpecs} configures each service from them, {@link
 * io.tessera.harness.pipeline.Pipeline} runs them, {@link io.tessera.harness.pipeline.RegistryApi}
 * registers views.
 */
package io.tessera.harness.pipeline;
