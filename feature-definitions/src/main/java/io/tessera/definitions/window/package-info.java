/**
 * Time in definitions: window specs ({@code 1h}, {@code lifetime}), the tiling rule (resolutions
 * that divide each other) and the text form of millisecond durations.
 */
package io.tessera.definitions.window;
