/**
 * Micrometer meters of the aggregation-service: records by outcome, partition lag and the open
 * state's estimated size.
 */
package io.tessera.aggregation.metrics;
