package io.tessera.serving.training;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/training-data}.
 *
 * @param featureService a registered feature service, or null
 * @param features references {@code view:feature} or {@code view@3:feature}, or null
 * @param spine the rows to answer: inline or a file
 * @param timestampColumn the spine's time column; default {@code timestamp}
 * @param output where to write; default the configured directory, Parquet
 */
public record TrainingDataRequestBody(
    @Schema(
            description = "A registered feature service (or give 'features')",
            example = "fraud_model")
        String featureService,
    @Schema(description = "view:feature or view@N:feature references (or give 'featureService')")
        List<String> features,
    @Schema(description = "Inline 'rows', or a local file 'path' (CSV, Parquet, JSON lines)")
        Spine spine,
    @Schema(description = "The spine column with each row's time (default 'timestamp')")
        String timestampColumn,
    @Schema(description = "Output file 'path' and 'format' (csv or parquet)") Output output) {

  /**
   * @param rows inline rows: key columns, the timestamp (ISO-8601 or epoch ms), any other columns
   * @param path a local file or file: URI
   * @param format csv, parquet or json; default from the extension
   */
  public record Spine(List<Map<String, Object>> rows, String path, String format) {}

  /**
   * @param path the output file; default {@code <training-dir>/<job id>.<format>}
   * @param format csv or parquet; default from the extension, else parquet
   */
  public record Output(String path, String format) {}
}
