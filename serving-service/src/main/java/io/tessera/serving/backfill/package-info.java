/**
 * Backfill completions as serving learns them: the {@code backfill-status} topic, whose records say
 * that the backfill of a view version has completed, feeding {@code ServingVersions}.
 */
package io.tessera.serving.backfill;
