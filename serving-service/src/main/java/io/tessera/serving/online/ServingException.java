package io.tessera.serving.online;

import java.util.List;

/**
 * A request that cannot be answered, with what the transports need to say why: REST maps the kind
 * to a problem+json status, gRPC to a status code.
 */
public final class ServingException extends RuntimeException {

  /** Why, by what the caller should do about it. */
  public enum Kind {
    /** The request is malformed or names features wrongly: fix it. */
    INVALID,
    /** A named feature service or view does not exist (or is deleted). */
    NOT_FOUND,
    /** The caller asked for all-or-nothing and a value could not be read in time: retry. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String title;
  private final List<String> errors;

  public ServingException(Kind kind, String title, String detail, List<String> errors) {
    super(detail);
    this.kind = kind;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ServingException invalid(List<String> errors) {
    return new ServingException(
        Kind.INVALID,
        "Invalid feature request",
        errors.size() == 1 ? errors.get(0) : "the request has " + errors.size() + " problems",
        errors);
  }

  public Kind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  /** Every problem found, each a sentence naming what is wrong. */
  public List<String> errors() {
    return errors;
  }
}
