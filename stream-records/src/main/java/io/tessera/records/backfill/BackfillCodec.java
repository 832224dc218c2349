package io.tessera.records.backfill;

import io.tessera.records.normalized.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backfill commands and statuses as JSON: few, small, and read by people ({@code kcat}) as well as
 * by the services.
 */
public final class BackfillCodec {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private BackfillCodec() {}

  /**
   * Starts and cancels are keyed by view name: one view's commands stay in order on one partition.
   * A task is keyed by its backfill and partition (its producer also chooses its partition).
   */
  public static byte[] key(BackfillCommand command) {
    String key =
        command instanceof BackfillCommand.Task task
            ? task.id() + "/" + task.partition()
            : command.view();
    return key.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] key(BackfillReport report) {
    return report.key().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] encode(BackfillReport report) {
    return JSON.writeValueAsBytes(report);
  }

  /**
   * @throws MalformedRecordException when the bytes are not a scan's report
   */
  public static BackfillReport decodeReport(byte[] bytes) {
    return decode(bytes, BackfillReport.class, "backfill report");
  }

  public static byte[] key(BackfillStatus status) {
    return status.key().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] encode(BackfillCommand command) {
    return JSON.writerFor(BackfillCommand.class).writeValueAsBytes(command);
  }

  public static byte[] encode(BackfillStatus status) {
    return JSON.writeValueAsBytes(status);
  }

  /**
   * @throws MalformedRecordException when the bytes are not a backfill command
   */
  public static BackfillCommand decodeCommand(byte[] bytes) {
    return decode(bytes, BackfillCommand.class, "backfill command");
  }

  /**
   * @throws MalformedRecordException when the bytes are not a backfill status
   */
  public static BackfillStatus decodeStatus(byte[] bytes) {
    return decode(bytes, BackfillStatus.class, "backfill status");
  }

  private static <T> T decode(byte[] bytes, Class<T> type, String what) {
    try {
      return JSON.readValue(bytes, type);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new MalformedRecordException("not a " + what + ": " + e.getMessage(), e);
    }
  }
}
