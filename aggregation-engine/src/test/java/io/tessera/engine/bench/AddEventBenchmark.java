package io.tessera.engine.bench;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The streaming hot path: one event into the IRs of a view with all 19 test features. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AddEventBenchmark {
  private final ViewAggregator aggregator =
      new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));
  private final Event[] events = new Event[1024];
  private Ir[] states;
  private int next;

  @Setup(Level.Trial)
  public void makeEvents() {
    for (int i = 0; i < events.length; i++) {
      Map<String, Object> values = new HashMap<>();
      values.put(TestView.LONG_COLUMN, (long) (i * 31 % 1000));
      values.put(TestView.DOUBLE_COLUMN, i * 0.37);
      values.put(TestView.STRING_COLUMN, "c" + (i % 50));
      events[i] = new Event("user", 1_772_841_600_000L + i * 100L, "e" + i, i, values);
    }
  }

  /** A fresh minute tile's IRs every 1024 events, as the eager minute tiles see them. */
  @Setup(Level.Iteration)
  public void freshStates() {
    states = aggregator.init();
    next = 0;
  }

  @Benchmark
  public Ir[] addOneEventToAViewsIrs() {
    Event event = events[next++ & 1023];
    if ((next & 1023) == 0) {
      states = aggregator.init();
    }
    aggregator.add(states, event);
    return states;
  }
}
