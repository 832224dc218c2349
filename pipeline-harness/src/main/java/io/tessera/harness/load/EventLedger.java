package io.tessera.harness.load;

import io.tessera.engine.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every event sent during a run, with when it was sent: what the oracle computes from. Thread-safe.
 */
public final class EventLedger {

  /**
   * One send of an event.
   *
   * @param event the event
   * @param sentAtMs wall time just before it was handed to the source's client
   */
  public record Sent(SourceEvent event, long sentAtMs) {}

  private final List<Sent> sent = new ArrayList<>();

  public synchronized void record(SourceEvent event, long sentAtMs) {
    sent.add(new Sent(event, sentAtMs));
  }

  public synchronized List<Sent> all() {
    return List.copyOf(sent);
  }

  public synchronized int size() {
    return sent.size();
  }

  /** Sends before {@code wallMs}. */
  public synchronized List<Sent> sentBefore(long wallMs) {
    return sent.stream().filter(s -> s.sentAtMs() < wallMs).toList();
  }

  /** The view's entities that have events. */
  public synchronized Set<String> entities(String view) {
    return sent.stream()
        .filter(s -> s.event().view().equals(view))
        .map(s -> s.event().entityKey())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /**
   * The entity's events the pipeline must apply, once each, as engine events (offsets do not matter
   * to values): every kind but {@link EventKind#TOO_LATE}, first send of each id.
   */
  public synchronized List<Event> applicable(String view, String entityKey) {
    Map<String, Event> byId = new LinkedHashMap<>();
    for (Sent s : sent) {
      SourceEvent e = s.event();
      if (e.view().equals(view)
          && e.entityKey().equals(entityKey)
          && e.kind() != EventKind.TOO_LATE) {
        byId.putIfAbsent(
            e.eventId(), new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), 0, e.values()));
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** Ids of the view's events drawn as too late, sent before {@code wallMs}. */
  public synchronized Set<String> tooLate(String view, long wallMs) {
    return sent.stream()
        .filter(s -> s.sentAtMs() < wallMs && s.event().view().equals(view))
        .filter(s -> s.event().kind() == EventKind.TOO_LATE)
        .map(s -> s.event().eventId())
        .collect(Collectors.toSet());
  }
}
