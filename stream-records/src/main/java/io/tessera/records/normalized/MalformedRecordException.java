package io.tessera.records.normalized;

/** Bytes on an internal topic that are not a record of a format this reader knows. */
public final class MalformedRecordException extends RuntimeException {

  public MalformedRecordException(String message) {
    super(message);
  }

  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
