package io.tessera.ingest.views;

/**
 * A view's source this instance will not read, whatever the retries: its configuration forbids it
 * (a Kinesis endpoint off the allow-list). The supervisor logs it once per view version, without
 * the stack trace a transient failure gets, and keeps looking in case the definition changes.
 */
public final class SourceRefusedException extends RuntimeException {

  public SourceRefusedException(String message) {
    super(message);
  }
}
