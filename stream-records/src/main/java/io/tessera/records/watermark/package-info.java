/**
 * Reading watermarks from the normalized topic: per partition, each view version's event-time
 * progress as its records decide it, the same on every replica and after every replay.
 */
package io.tessera.records.watermark;
