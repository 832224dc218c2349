/**
 * Validation of feature views and feature services. Validators return every problem at once, each
 * with the JSON path of the offending value and a message a data scientist can act on; they never
 * stop at the first.
 */
package io.tessera.definitions.validation;
