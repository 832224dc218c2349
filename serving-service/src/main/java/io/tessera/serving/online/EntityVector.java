package io.tessera.serving.online;

import java.util.List;
import java.util.Map;

/**
 * The values of one entity, in a stable order: the selection's features in order, each feature's
 * windows in definition order.
 *
 * @param entity the join-key values as requested
 * @param atMs the request time
 * @param values the values
 */
public record EntityVector(Map<String, String> entity, long atMs, List<ServedValue> values) {}
