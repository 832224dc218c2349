package io.tessera.definitions.view;

/** How a stream record's bytes decode into a payload. JSON objects, one per record, for now. */
public enum PayloadFormat {
  JSON;

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
