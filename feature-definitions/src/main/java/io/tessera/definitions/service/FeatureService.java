package io.tessera.definitions.service;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A feature service: the features one model reads together. Serving answers a request for a service
 * with one vector in the order of {@link #features()}.
 *
 * @param name the service's name
 * @param features the features, in vector order
 * @param description free text for people
 * @param owner who to ask about the service
 * @param tags labels for search and ownership
 */
public record FeatureService(
    String name,
    List<FeatureReference> features,
    String description,
    String owner,
    Map<String, String> tags) {

  public FeatureService {
    Objects.requireNonNull(name, "name");
    features = List.copyOf(features);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(owner, "owner");
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
  }
}
