package io.tessera.serving.online;

/**
 * One value of one entity's vector.
 *
 * @param name {@code view:feature:window}
 * @param view the view's name
 * @param viewVersion the version that answered
 * @param feature the feature's name
 * @param window the window as written in definitions ({@code 1h}, {@code lifetime})
 * @param value Long, Double, String, Boolean, a List of those, {@code CapExceeded}, or null
 * @param status what the value is worth
 * @param newestEventTimeMs the newest contributing event's time; when no window of the view has an
 *     event, the entity's newest event within the view's retention; null when there is none
 */
public record ServedValue(
    String name,
    String view,
    int viewVersion,
    String feature,
    String window,
    Object value,
    ValueStatus status,
    Long newestEventTimeMs) {}
