/**
 * The registry as every service sees it, built from the compacted {@code feature-definitions} topic
 * alone, so it keeps working while the registry-service is down.
 *
 * <p>{@link io.tessera.registryclient.RecordCodec} owns the topic's record format (the registry
 * publishes with it, everyone else reads with it); {@link io.tessera.registryclient.RegistryClient}
 * consumes the topic from the beginning, follows it and keeps an immutable {@link
 * io.tessera.registryclient.RegistrySnapshot}, telling {@link
 * io.tessera.registryclient.RegistryListener}s about new versions and deletions. Plain Java, no
 * Spring.
 */
package io.tessera.registryclient;
