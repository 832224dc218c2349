package io.tessera.benchmarks.training;

import io.tessera.benchmarks.serving.HistoryLoader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * The benchmark's spine: rows of a uniformly drawn user at a uniformly drawn time over the
 * history's week, with the row's index as a label ({@code row_id}) so the output can be checked row
 * by row against a brute-force oracle over the generated events.
 */
final class BenchmarkSpine {
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  /** The output's columns of the view's count feature: exact, so compared for equality. */
  private static final String[] COUNT_WINDOWS = {"1h", "1d", "7d"};

  private static final long[] COUNT_WINDOW_MS = {HOUR_MS, DAY_MS, 7 * DAY_MS};

  private final HistoryLoader history;
  private final int[] rankOf;
  private final long[] timeOf;

  private BenchmarkSpine(HistoryLoader history, int[] rankOf, long[] timeOf) {
    this.history = history;
    this.rankOf = rankOf;
    this.timeOf = timeOf;
  }

  /** Draws {@code rows} rows over {@code users} and the week before the history's end. */
  static BenchmarkSpine draw(HistoryLoader history, int users, int rows) {
    SplittableRandom random = new SplittableRandom(7);
    int[] ranks = new int[rows];
    long[] times = new long[rows];
    for (int i = 0; i < rows; i++) {
      ranks[i] = 1 + random.nextInt(users);
      times[i] = history.endMs() - random.nextLong(HistoryLoader.WEEK_MS);
    }
    return new BenchmarkSpine(history, ranks, times);
  }

  int size() {
    return rankOf.length;
  }

  /** Writes the spine as CSV: {@code user_id,timestamp,row_id}, times in epoch milliseconds. */
  void writeCsv(Path file) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("user_id,timestamp,row_id\n");
      for (int i = 0; i < rankOf.length; i++) {
        out.write(HistoryLoader.user(rankOf[i]) + "," + timeOf[i] + "," + i + "\n");
      }
    }
  }

  /**
   * How many of {@code sampled} output rows (drawn by DuckDB) have a count over 1h, 1d or 7d other
   * than the oracle's: the events of the row's user in {@code [t - window, t)}.
   */
  int wrongCounts(Path parquet, String view, int sampled) throws Exception {
    StringBuilder columns = new StringBuilder("row_id");
    for (String window : COUNT_WINDOWS) {
      columns.append(", \"").append(view).append(":n:").append(window).append('"');
    }
    int wrong = 0;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT "
                    + columns
                    + " FROM read_parquet('"
                    + parquet
                    + "') USING SAMPLE "
                    + sampled
                    + " ROWS")) {
      int seen = 0;
      while (rs.next()) {
        seen++;
        int row = (int) rs.getLong(1);
        long[] times = history.times(rankOf[row]);
        for (int w = 0; w < COUNT_WINDOWS.length; w++) {
          long expected = countIn(times, timeOf[row] - COUNT_WINDOW_MS[w], timeOf[row]);
          long served = rs.getObject(2 + w) == null ? 0 : rs.getLong(2 + w);
          wrong += served == expected ? 0 : 1;
        }
      }
      if (seen < Math.min(sampled, rankOf.length)) {
        throw new IllegalStateException("the output holds " + seen + " of the sampled rows");
      }
    }
    return wrong;
  }

  private static long countIn(long[] ascending, long fromMs, long toMs) {
    long n = 0;
    for (long t : ascending) {
      if (t >= fromMs && t < toMs) {
        n++;
      }
    }
    return n;
  }
}
