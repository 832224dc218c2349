/** Kafka wiring every service shares: a health indicator that asks the broker itself. */
package io.tessera.service.kafka;
