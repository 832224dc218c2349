package io.tessera.engine.encoding;

/** Bytes that are not a valid encoding of this format version. */
public class MalformedIrException extends RuntimeException {
  public MalformedIrException(String message) {
    super(message);
  }
}
