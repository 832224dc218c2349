/**
 * Follows the registry (the feature-definitions topic, through the registry client) and keeps one
 * source consumer running per live view, for its newest version; hands a view over from one
 * version's consumer to the next without a gap.
 */
package io.tessera.ingest.views;
