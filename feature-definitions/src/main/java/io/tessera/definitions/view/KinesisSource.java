package io.tessera.definitions.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A Kinesis data stream.
 *
 * @param stream the stream name
 * @param region the AWS region, such as {@code eu-west-1}
 * @param endpoint an endpoint override (a Kinesis-API server in development); empty means the
 *     region's AWS endpoint
 * @param format how each record's data decodes
 */
public record KinesisSource(
    String stream, String region, Optional<String> endpoint, PayloadFormat format)
    implements StreamSource {

  public KinesisSource {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(format, "format");
  }
}
