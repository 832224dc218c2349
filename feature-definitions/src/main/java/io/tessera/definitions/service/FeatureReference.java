package io.tessera.definitions.service;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One feature of a feature service: {@code view:feature}, or {@code view@3:feature} pinned to
 * version 3 of the view. Unpinned means the view's latest version at the time of the read.
 *
 * @param view the view's name
 * @param version the pinned version, counted from 1
 * @param feature the feature's name within the view
 */
public record FeatureReference(String view, OptionalInt version, String feature) {

  private static final Pattern SYNTAX = Pattern.compile("([^@:]+)(?:@([1-9][0-9]{0,8}))?:([^@:]+)");

  public FeatureReference {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(feature, "feature");
    if (version.isPresent() && version.getAsInt() < 1) {
      throw new IllegalArgumentException("versions count from 1, was " + version.getAsInt());
    }
  }

  /**
   * Parses {@code view:feature} or {@code view@version:feature}.
   *
   * @throws IllegalArgumentException with a message fit for a data scientist
   */
  public static FeatureReference parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a feature reference: write view:feature, or view@3:feature to pin"
              + " version 3");
    }
    OptionalInt version =
        m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2)));
    return new FeatureReference(m.group(1), version, m.group(3));
  }

  /** The written form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return version.isPresent()
        ? view + "@" + version.getAsInt() + ":" + feature
        : view + ":" + feature;
  }
}
