/** Which tile lineage a view version's records belong to, with its aggregator and lateness. */
package io.tessera.streamcore.lineage;
