package io.tessera.ingest.deadletter;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a replay job is. */
public enum ReplayState {
  /** Accepted, waiting for a replay thread. */
  QUEUED,
  RUNNING,
  /** Every letter up to the end the job saw at its start was read and committed. */
  DONE,
  /** Stopped by an error; what it committed before stays replayed. */
  FAILED,
  /** Stopped on request after its current batch; what it committed stays replayed. */
  CANCELLED;

  public boolean isFinal() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
