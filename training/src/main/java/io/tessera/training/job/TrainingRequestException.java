package io.tessera.training.job;

import java.util.List;

/**
 * A training-data request that cannot be accepted, with every problem found; the host maps the kind
 * to its transport (HTTP: 400 or 404 problem+json with the problems in {@code errors}).
 */
public final class TrainingRequestException extends RuntimeException {

  /** Why, by what the caller should do about it. */
  public enum Kind {
    /** The request is malformed (its selection, spine or output): fix it. */
    INVALID,
    /** A named feature service or view does not exist (or is deleted). */
    NOT_FOUND
  }

  private final Kind kind;
  private final String title;
  private final List<String> problems;

  public TrainingRequestException(Kind kind, String title, String detail, List<String> problems) {
    super(detail);
    this.kind = kind;
    this.title = title;
    this.problems = List.copyOf(problems);
  }

  /** A malformed request: every problem, each a sentence naming what is wrong. */
  static TrainingRequestException invalid(List<String> problems) {
    return new TrainingRequestException(
        Kind.INVALID,
        "Invalid training-data request",
        problems.size() == 1 ? problems.get(0) : "the request has " + problems.size() + " problems",
        problems);
  }

  public Kind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  /** Every problem found; empty when the detail says it all. */
  public List<String> problems() {
    return problems;
  }
}
