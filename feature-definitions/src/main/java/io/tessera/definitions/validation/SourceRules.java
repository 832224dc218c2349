package io.tessera.definitions.validation;

import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.JdbcBatchSource;
import io.tessera.definitions.view.KafkaSource;
import io.tessera.definitions.view.KinesisSource;
import io.tessera.definitions.view.StreamSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the stream source and the batch source of a view. */
final class SourceRules {

  // Kafka's own rule for topic names (Topic.validate): 1 to 249 of these characters.
  private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  // Kinesis's rule for stream names (CreateStream API reference).
  private static final Pattern KINESIS_STREAM = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  private SourceRules() {}

  static void check(StreamSource source, List<Problem> problems) {
    if (source instanceof KafkaSource kafka) {
      if (!KAFKA_TOPIC.matcher(kafka.topic()).matches() || isDots(kafka.topic())) {
        problems.add(
            new Problem(
                "$.source.topic",
                "'"
                    + kafka.topic()
                    + "' is not a Kafka topic name: use 1 to 249 letters, digits, '.', '_'"
                    + " or '-'"));
      }
    } else if (source instanceof KinesisSource kinesis) {
      if (!KINESIS_STREAM.matcher(kinesis.stream()).matches()) {
        problems.add(
            new Problem(
                "$.source.stream",
                "'"
                    + kinesis.stream()
                    + "' is not a Kinesis stream name: use 1 to 128 letters, digits, '.',"
                    + " '_' or '-'"));
      }
      if (!AWS_REGION.matcher(kinesis.region()).matches()) {
        problems.add(
            new Problem(
                "$.source.region",
                "'" + kinesis.region() + "' is not an AWS region such as eu-west-1"));
      }
      kinesis
          .endpoint()
          .filter(endpoint -> !isHttpUri(endpoint))
          .ifPresent(
              endpoint ->
                  problems.add(
                      new Problem(
                          "$.source.endpoint",
                          "'"
                              + endpoint
                              + "' is not an http or https URL such as"
                              + " http://localhost:4567")));
    }
  }

  static void check(BatchSource batchSource, List<Problem> problems) {
    if (batchSource instanceof FileBatchSource files) {
      if (files.path().isBlank()) {
        problems.add(new Problem("$.batchSource.path", "give the path or glob of the batch files"));
      }
    } else if (batchSource instanceof JdbcBatchSource jdbc) {
      if (!jdbc.url().startsWith("jdbc:")) {
        problems.add(
            new Problem(
                "$.batchSource.url",
                "'" + jdbc.url() + "' is not a JDBC URL: it starts with jdbc:"));
      }
      if (jdbc.table().isPresent() == jdbc.query().isPresent()) {
        problems.add(
            new Problem(
                "$.batchSource",
                jdbc.table().isPresent()
                    ? "give either table or query, not both"
                    : "give the table to read, or a query"));
      }
      jdbc.table()
          .filter(String::isBlank)
          .ifPresent(t -> problems.add(new Problem("$.batchSource.table", "table is empty")));
      jdbc.query()
          .filter(String::isBlank)
          .ifPresent(q -> problems.add(new Problem("$.batchSource.query", "query is empty")));
    }
  }

  private static boolean isDots(String topic) {
    return topic.equals(".") || topic.equals("..");
  }

  private static boolean isHttpUri(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
