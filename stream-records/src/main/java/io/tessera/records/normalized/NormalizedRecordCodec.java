package io.tessera.records.normalized;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of every {@link NormalizedRecord}. The first byte says what follows: {@value
 * #EVENT} an event in {@link NormalizedEventCodec}'s format (so events written before watermarks
 * existed still decode), {@value #WATERMARK} a {@link Watermark}: view (string), view version
 * (varint), publisher (string), watermark and publication time (zig-zag varlongs, epoch ms);
 * {@value #SEAL_MARKER} a {@link SealMarker}: view (string), view version (varint), owner (string),
 * sealed-before time (zig-zag varlong), the count of coarse resolutions (varint), then per
 * resolution, ascending, its size and built-through time (zig-zag varlongs). A decoder refuses a
 * tag it does not know rather than guess.
 */
public final class NormalizedRecordCodec {

  /**
   * The tag of an event: {@link NormalizedEventCodec#FORMAT_VERSION}, its format's version byte.
   */
  public static final byte EVENT = NormalizedEventCodec.FORMAT_VERSION;

  public static final byte WATERMARK = 2;

  public static final byte SEAL_MARKER = 3;

  private NormalizedRecordCodec() {}

  public static byte[] encode(NormalizedRecord record) {
    if (record instanceof NormalizedEvent event) {
      return NormalizedEventCodec.encode(event);
    }
    if (record instanceof Watermark watermark) {
      return encodeWatermark(watermark);
    }
    return encodeSealMarker((SealMarker) record);
  }

  /**
   * @throws MalformedRecordException when the bytes are not a record this codec knows
   */
  public static NormalizedRecord decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedRecordException("empty normalized record");
    }
    return switch (bytes[0]) {
      case EVENT -> NormalizedEventCodec.decode(bytes);
      case WATERMARK -> decodeWatermark(bytes);
      case SEAL_MARKER -> decodeSealMarker(bytes);
      default ->
          throw new MalformedRecordException(
              "normalized record tag " + bytes[0] + " is not known to this reader");
    };
  }

  private static byte[] encodeWatermark(Watermark watermark) {
    WireBuffer out = new WireBuffer(32 + watermark.view().length());
    out.writeByte(WATERMARK);
    out.writeString(watermark.view());
    out.writeVarLong(watermark.viewVersion());
    out.writeString(watermark.publisher());
    out.writeVarLong(Wire.zigZag(watermark.watermarkMs()));
    out.writeVarLong(Wire.zigZag(watermark.publishedAtMs()));
    return out.toByteArray();
  }

  private static Watermark decodeWatermark(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    try {
      String view = Wire.readName(in);
      int viewVersion = Math.toIntExact(Wire.readVarLong(in));
      String publisher = Wire.readName(in);
      long watermarkMs = Wire.unZigZag(Wire.readVarLong(in));
      long publishedAtMs = Wire.unZigZag(Wire.readVarLong(in));
      if (in.hasRemaining()) {
        throw new MalformedRecordException(in.remaining() + " trailing bytes after a watermark");
      }
      return new Watermark(view, viewVersion, publisher, watermarkMs, publishedAtMs);
    } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
      throw new MalformedRecordException("truncated or corrupt watermark", e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedRecordException(String.valueOf(e.getMessage()), e);
    }
  }

  private static byte[] encodeSealMarker(SealMarker marker) {
    WireBuffer out = new WireBuffer(48 + marker.view().length());
    out.writeByte(SEAL_MARKER);
    out.writeString(marker.view());
    out.writeVarLong(marker.viewVersion());
    out.writeString(marker.owner());
    out.writeVarLong(Wire.zigZag(marker.sealedBeforeMs()));
    Map<Long, Long> built = new TreeMap<>(marker.builtThroughMsByResolution());
    out.writeVarLong(built.size());
    built.forEach(
        (resolutionMs, throughMs) -> {
          out.writeVarLong(Wire.zigZag(resolutionMs));
          out.writeVarLong(Wire.zigZag(throughMs));
        });
    return out.toByteArray();
  }

  private static SealMarker decodeSealMarker(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    try {
      String view = Wire.readName(in);
      int viewVersion = Math.toIntExact(Wire.readVarLong(in));
      String owner = Wire.readString(in);
      long sealedBeforeMs = Wire.unZigZag(Wire.readVarLong(in));
      int count = Math.toIntExact(Wire.readVarLong(in));
      if (count > in.remaining()) {
        throw new MalformedRecordException(count + " resolutions past the end of a seal marker");
      }
      Map<Long, Long> built = new HashMap<>();
      for (int i = 0; i < count; i++) {
        built.put(Wire.unZigZag(Wire.readVarLong(in)), Wire.unZigZag(Wire.readVarLong(in)));
      }
      if (in.hasRemaining()) {
        throw new MalformedRecordException(in.remaining() + " trailing bytes after a seal marker");
      }
      return new SealMarker(view, viewVersion, owner, sealedBeforeMs, built);
    } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
      throw new MalformedRecordException("truncated or corrupt seal marker", e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedRecordException(String.valueOf(e.getMessage()), e);
    }
  }
}
