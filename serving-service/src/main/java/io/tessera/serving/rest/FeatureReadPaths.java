package io.tessera.serving.rest;

import java.util.regex.Pattern;

/**
 * The two feature reads' paths, named once for everything that must agree on them: the route
 * ({@code FeaturesRoute}), the access rules that guard them ({@code ServingAccess}), the requests
 * left out of the HTTP observations ({@code FeatureReadObservations}) and the direct path that
 * answers them before the filter chain ({@link DirectFeatureReads}). Both are Spring {@code
 * PathPattern}s, which the route, the rules and the observations all parse.
 */
public final class FeatureReadPaths {

  /** {@code POST}: vectors of one or many entities, selected in the body. */
  public static final String FEATURES = "/api/v1/features";

  /** {@code GET}: one entity's vector of a feature service, its keys in the query string. */
  public static final String ONE_ENTITY = "/api/v1/feature-services/{featureService}/features";

  /**
   * {@link #ONE_ENTITY} as the direct path takes it: a name of the registry's characters only, as
   * sent (no percent-encoding); any other name goes the whole way.
   */
  static final Pattern ONE_ENTITY_PLAIN =
      Pattern.compile("/api/v1/feature-services/([A-Za-z0-9_-]{1,200})/features");

  private FeatureReadPaths() {}
}
