/**
 * Reading a view's batch source as payload rows, streamed, for backfill and training alike ({@link
 * io.tessera.batch.read.BatchRows}): the rows the view's compiled transformation takes, with values
 * in the forms ingest meets in decoded stream payloads ({@link
 * io.tessera.batch.read.PayloadColumns}).
 */
package io.tessera.batch.read;
