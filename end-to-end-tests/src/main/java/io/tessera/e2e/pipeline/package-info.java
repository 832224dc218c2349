/**
 * One Tessera pipeline of real service processes (registry, ingest, aggregation) with topics of its
 * own, so a run shares the Kafka cluster and the test keyspace with other runs but none of their
 * data: {@link io.tessera.e2e.pipeline.PipelineNames} names everything, {@link
 * io.tessera.e2e.pipeline.ServiceSpecs} configures each service from them, {@link
 * io.tessera.e2e.pipeline.Pipeline} runs them, {@link io.tessera.e2e.pipeline.RegistryApi}
 * registers views.
 */
package io.tessera.e2e.pipeline;
