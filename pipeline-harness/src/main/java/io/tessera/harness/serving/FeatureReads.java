package io.tessera.harness.serving;

import java.util.List;

/** One entity's features of one view, read at a request time from a serving instance. */
public interface FeatureReads extends AutoCloseable {

  /**
   * @param view the view's name (its serving version answers)
   * @param features the view's feature names; every window of each is answered
   * @param keyColumn the view's entity column
   * @param entity the entity's key
   * @param atMs the request time: windows cover {@code at - size <= eventTime < at}
   */
  ServedVector read(String view, List<String> features, String keyColumn, String entity, long atMs);

  /** Which transport this is, for messages. */
  String transport();

  @Override
  void close();
}
