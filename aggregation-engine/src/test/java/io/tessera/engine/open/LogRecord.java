package io.tessera.engine.open;

import io.tessera.engine.event.Event;

/** One record of a normalized partition as the open state sees it: an event or a watermark. */
sealed interface LogRecord {

  long offset();

  record EventRecord(Event event) implements LogRecord {
    @Override
    public long offset() {
      return event.offset();
    }
  }

  record WatermarkRecord(long offset, long watermarkMs) implements LogRecord {}
}
