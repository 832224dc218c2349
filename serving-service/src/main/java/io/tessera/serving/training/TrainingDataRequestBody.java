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
   * @param path a local file or file: URI under the spine directories (a relative path starts in
   *     the first one)
   * @param format csv, parquet or json; default from the extension
   */
  public record Spine(List<Map<String, Object>> rows, String path, String format) {}

  /**
   * @param path the output file, under the output directories (a relative path starts in the first
   *     one); default {@code <first output directory>/<job id>.<format>}
   * @param format csv or parquet; default from the extension, else parquet
   * @param overwrite whether an existing file at {@code path} may be replaced; default false
   */
  public record Output(String path, String format, Boolean overwrite) {}
}
