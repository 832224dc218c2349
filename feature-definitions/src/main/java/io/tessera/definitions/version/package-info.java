/**
 * Versions of definitions: the content hash (SHA-256 of RFC 8785 canonical JSON, so the same
 * content is the same version however it was written) and the classification of a change between
 * two versions, which tells the registry whether a new version needs new tiles.
 */
package io.tessera.definitions.version;
