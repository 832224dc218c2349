/**
 * The versioning core, shared by feature views and feature services and free of HTTP: read a
 * submitted body, validate it, decide whether it is a new version and what kind of change it is,
 * store it, publish it. {@link io.tessera.registry.definition.DefinitionType} is what differs
 * between the two kinds; {@link io.tessera.registry.definition.DefinitionRegistry} is the rest.
 */
package io.tessera.registry.definition;
