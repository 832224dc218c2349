package io.tessera.storage.sealed;

import java.util.List;

/**
 * One row of the sealed layout as it is stored: the insert that writes it and the values bound to
 * that insert's markers, in order (TTL last where the insert has one). Produced only by {@link
 * SealedRows}, consumed by every way of writing: the CQL store binds them, a bulk writer appends
 * them to SSTables.
 *
 * @param values Java values of the columns' CQL types: {@code String}, {@code Long}, {@code
 *     Integer}, {@code ByteBuffer}, {@code List<String>}
 */
public record SealedRow(SealedInsert insert, List<Object> values) {
  public SealedRow {
    values = List.copyOf(values);
  }

  /** The values of the partition key: rows with equal keys are one Cassandra partition. */
  public List<Object> partitionKey() {
    return values.subList(0, insert.partitionColumns());
  }
}
