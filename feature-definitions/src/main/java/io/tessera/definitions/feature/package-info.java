/**
 * The vocabulary of features: the aggregation functions with their input and parameter rules, the
 * column types, and one feature's specification (function, input, windows, default).
 */
package io.tessera.definitions.feature;
