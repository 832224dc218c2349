/** What the service's Kafka producers share: sends acknowledged one by one. */
package io.tessera.aggregation.kafka;
