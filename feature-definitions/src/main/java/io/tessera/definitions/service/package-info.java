/**
 * Feature services: the named set of features a model reads together, from one or more views, each
 * optionally pinned to a view version.
 */
package io.tessera.definitions.service;
