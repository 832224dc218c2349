/**
 * Start-up that waits instead of dying: what a service needs from a dependency before it can serve
 * (Cassandra answering, its tables created) is retried with backoff until one start-up deadline, so
 * that a service started beside a cold or briefly stalled server comes up when it answers.
 */
package io.tessera.service.startup;
