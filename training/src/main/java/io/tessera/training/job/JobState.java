package io.tessera.training.job;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a training-data job is. */
public enum JobState {
  /** Accepted, waiting for a job slot. */
  QUEUED,
  RUNNING,
  /** The output file is complete at its path. */
  SUCCEEDED,
  /** Stopped by an error; no output file. */
  FAILED,
  /** Stopped on request; no output file. */
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
