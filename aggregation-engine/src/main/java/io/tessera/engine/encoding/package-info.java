/**
 * Compact, stable binary encodings: IRs and tiles. Every encoded blob starts with a format version
 * byte, and checked-in fixture bytes (src/test/resources/fixtures) are decoded by a test, so a
 * format change is a decision, not an accident. Only this package knows the byte layouts.
 */
package io.tessera.engine.encoding;
