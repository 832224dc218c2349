/**
 * The JSON form of definitions, the platform's public format: reading (collecting every structural
 * problem with its JSON path, never stopping at the first) and writing (with every default filled
 * in, so a written definition says everything it means).
 */
package io.tessera.definitions.json;
