/**
 * The feature-definitions topic from the registry's side: creating it (compacted, one partition for
 * a total order), publishing each stored version and deletion with the shared {@code RecordCodec},
 * and reconciling the topic with the store at start-up and every minute.
 */
package io.tessera.registry.publish;
