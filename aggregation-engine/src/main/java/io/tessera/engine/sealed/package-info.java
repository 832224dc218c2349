/**
 * The storage port of the streaming core: only sealed data is ever written. A sealed finest tile is
 * one row (its canonical tile and its raw events), with a manifest per partition and tile naming
 * the entities sealed there; coarser tiles (and their manifests) are written when they close; a
 * checkpoint per normalized partition says up to which offset everything is durable and where each
 * view's watermark and seals stood there. {@link io.tessera.engine.sealed.SealedStore} is the one
 * port; the in-memory store is the reference and every implementation passes {@code
 * SealedStoreContract} (this module's test-jar).
 */
package io.tessera.engine.sealed;
