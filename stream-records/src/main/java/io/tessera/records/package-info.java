/**
 * The records the services exchange over Kafka, and the names of the internal topics. Only this
 * module encodes and decodes them, so a format change is made, versioned and tested in one place.
 */
package io.tessera.records;
