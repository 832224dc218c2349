package io.tessera.engine.view;

import io.tessera.engine.event.Event;
import io.tessera.engine.function.FeatureAggregator;
import io.tessera.engine.function.Functions;
import io.tessera.engine.ir.Ir;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies all of a view's functions at once to an array of IRs, one per feature in {@link
 * ViewSpec#features()} order: the state one tile (or one window being merged) holds.
 */
public final class ViewAggregator {
  private final ViewSpec view;
  private final List<FeatureAggregator<?>> aggregators;
  private final String[] columns;

  public ViewAggregator(ViewSpec view) {
    this.view = view;
    List<FeatureAggregator<?>> list = new ArrayList<>();
    for (FeatureSpec feature : view.features()) {
      list.add(
          FeatureAggregator.of(
              Functions.of(feature.kind(), feature.inputType(), feature.params()),
              feature.column()));
    }
    this.aggregators = List.copyOf(list);
    this.columns =
        view.features().stream()
            .map(FeatureSpec::column)
            .filter(Objects::nonNull)
            .distinct()
            .toArray(String[]::new);
  }

  /**
   * The columns the view's features read, each once, in the order of the features: all of an event
   * a lineage keeps. A fresh array each call.
   */
  public String[] columns() {
    return columns.clone();
  }

  public ViewSpec view() {
    return view;
  }

  public int size() {
    return aggregators.size();
  }

  public FeatureAggregator<?> aggregator(int feature) {
    return aggregators.get(feature);
  }

  public Ir[] init() {
    Ir[] states = new Ir[aggregators.size()];
    for (int i = 0; i < states.length; i++) {
      states[i] = aggregators.get(i).init();
    }
    return states;
  }

  /** Adds one event to every feature's IR. */
  public void add(Ir[] states, Event event) {
    for (int i = 0; i < states.length; i++) {
      aggregators.get(i).add(states[i], event);
    }
  }

  public void merge(Ir[] into, Ir[] from) {
    for (int i = 0; i < into.length; i++) {
      aggregators.get(i).merge(into[i], from[i]);
    }
  }

  /** The value of {@code feature}, with the feature's default in place of an empty null. */
  public Object finish(int feature, Ir state) {
    Object value = aggregators.get(feature).finish(state);
    return value == null ? view.features().get(feature).defaultValue() : value;
  }
}
