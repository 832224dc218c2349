package io.tessera.storage.sealed;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.MalformedIrException;
import io.tessera.engine.encoding.TaggedValue;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw events of a sealed finest row as blobs of bounded size ("chunks"), owned here alone.
 *
 * <p>Version 1 of a chunk: {@code [version byte 1][column-name count][names][event count][per
 * event: length-prefixed record]}, where a record is {@code [event time][event id][offset][entity
 * flag (0: the partition's entity; 1: a key follows)][value count][per value: column index, type
 * tag, value]}. Numbers are the engine's zig-zag varints and doubles their exact IEEE bits ({@link
 * IrOutput}). Column names are written once per chunk, not once per event: a hot entity's minute of
 * 50,000 events with four columns takes about 2.8 MB. A missing column and a null one stay
 * different, as in {@link Event}. Each chunk decodes on its own.
 *
 * <p>Chunking is a pure function of the events in canonical order and of the target size, so
 * writing a sealed minute twice writes the same chunks under the same keys (idempotence). The bytes
 * are pinned by {@code EventChunkCodecFixtureTest}: changing them is a format change.
 */
final class EventChunkCodec {
  /** Version 1 of the chunk format. */
  static final int FORMAT_VERSION = 1;

  /**
   * A chunk is closed once its records reach this size: a row stays well under Cassandra's 1 MB
   * comfort zone for a cell, and a hot minute's chunks still fit one batch (see {@code
   * SealedMinuteTable}).
   */
  static final int TARGET_CHUNK_BYTES = 512 * 1024;

  private EventChunkCodec() {}

  /**
   * The chunks of {@code events} (in the order given) of the partition's {@code entityKey}; none
   * for no events.
   */
  static List<byte[]> encode(String entityKey, List<Event> events, int targetChunkBytes) {
    List<byte[]> chunks = new ArrayList<>();
    ChunkBuilder chunk = new ChunkBuilder();
    for (Event event : events) {
      chunk.add(entityKey, event);
      if (chunk.recordBytes >= targetChunkBytes) {
        chunks.add(chunk.finish());
        chunk = new ChunkBuilder();
      }
    }
    if (!chunk.records.isEmpty()) {
      chunks.add(chunk.finish());
    }
    return chunks;
  }

  /** The events of one chunk, in the order written. */
  static List<Event> decode(String entityKey, byte[] chunk) {
    IrInput in = new IrInput(chunk);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new MalformedIrException("unknown sealed-events chunk format " + version);
    }
    String[] names = new String[in.readLength()];
    for (int i = 0; i < names.length; i++) {
      names[i] = in.readString();
    }
    int count = in.readLength();
    List<Event> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(record(entityKey, names, new IrInput(in.readBytes())));
    }
    if (!in.atEnd()) {
      throw new MalformedIrException("trailing bytes after a sealed-events chunk");
    }
    return events;
  }

  private static Event record(String entityKey, String[] names, IrInput in) {
    long timeMs = in.readLong();
    String id = in.readString();
    long offset = in.readLong();
    String key = in.readByte() == 0 ? entityKey : in.readString();
    int valueCount = in.readLength();
    EventValues.Builder values = EventValues.builder(valueCount);
    for (int i = 0; i < valueCount; i++) {
      long column = in.readLong();
      if (column < 0 || column >= names.length) {
        throw new MalformedIrException("column index " + column + " of " + names.length);
      }
      Object value = TaggedValue.read(in);
      values.put(names[(int) column], value);
    }
    return new Event(key, timeMs, id, offset, values.build());
  }

  /** One chunk being filled: its column dictionary and its encoded records. */
  private static final class ChunkBuilder {
    final Map<String, Integer> columns = new LinkedHashMap<>();
    final List<byte[]> records = new ArrayList<>();
    final IrOutput out = new IrOutput(); // each record's, reused: records are copied out
    long recordBytes;

    void add(String entityKey, Event event) {
      out.reset();
      out.writeLong(event.eventTimeMs()).writeString(event.eventId()).writeLong(event.offset());
      if (event.entityKey().equals(entityKey)) {
        out.writeByte(0);
      } else {
        out.writeByte(1).writeString(event.entityKey());
      }
      // Columns in name order: the bytes must not depend on a hash map's iteration order.
      List<String> names = new ArrayList<>(event.values().keySet());
      names.sort(null);
      out.writeLong(names.size());
      for (String name : names) {
        Integer index = columns.get(name); // not computeIfAbsent: its lambda, per value
        if (index == null) {
          index = columns.size();
          columns.put(name, index);
        }
        out.writeLong(index);
        TaggedValue.write(out, event.values().get(name));
      }
      byte[] record = out.toByteArray();
      records.add(record);
      recordBytes += record.length;
    }

    byte[] finish() {
      IrOutput out = new IrOutput();
      out.writeByte(FORMAT_VERSION).writeLong(columns.size());
      columns.keySet().forEach(out::writeString);
      out.writeLong(records.size());
      records.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }
}
