/**
 * Freshness as DESIGN.md defines it: from the moment an event is produced to its source until a
 * read returns a value that includes it, measured one probe event at a time.
 */
package io.tessera.harness.freshness;
