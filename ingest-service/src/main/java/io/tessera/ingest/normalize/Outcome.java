package io.tessera.ingest.normalize;

import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.NormalizedEvent;
import java.util.Objects;

/** What became of one raw event: exactly one of these, so nothing is dropped silently. */
public sealed interface Outcome {

  /** The event passed: publish it to the normalized topic. */
  record Normalized(NormalizedEvent event) implements Outcome {
    public Normalized {
      Objects.requireNonNull(event, "event");
    }
  }

  /** The view's filter does not want it: counted, not published (that is the view's intent). */
  record Filtered() implements Outcome {}

  /** It cannot be used: publish the dead letter. */
  record Rejected(DeadLetter letter) implements Outcome {
    public Rejected {
      Objects.requireNonNull(letter, "letter");
    }
  }
}
