/**
 * What a test learns from Kafka itself, independently of the services: a consumer group's committed
 * offsets against the topic's end ({@link io.tessera.harness.kafka.ConsumerLag}), and a background
 * reader of a topic from its beginning ({@link io.tessera.harness.kafka.TopicFollower}).
 */
package io.tessera.harness.kafka;
