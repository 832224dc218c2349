package io.tessera.serving.online;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request reads: a feature service by name, or explicit references ({@code view:feature},
 * {@code view@3:feature}). Exactly one of the two.
 *
 * @param featureService the service's name, or null
 * @param references the references as written, or empty
 */
public record FeatureSelection(String featureService, List<String> references) {
  public FeatureSelection {
    references = references == null ? List.of() : List.copyOf(references);
  }

  public static FeatureSelection ofService(String name) {
    return new FeatureSelection(name, List.of());
  }

  public static FeatureSelection ofReferences(List<String> references) {
    return new FeatureSelection(null, references);
  }

  /**
   * A problem for each null among a request body's {@code features}: JSON lets {@code [null]}
   * through, and a selection holds references only.
   */
  public static List<String> nullReferences(List<String> references) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; references != null && i < references.size(); i++) {
      if (references.get(i) == null) {
        problems.add("features[" + i + "] is null");
      }
    }
    return problems;
  }
}
