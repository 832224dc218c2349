package io.tessera.harness.load;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts records to a Kinesis stream, partition key = entity (so an entity's events keep their order
 * within a shard), in PutRecords calls of up to 500 on {@link #flush}; entries the service refuses
 * (throttling) are put again, as the AWS SDK's guidance says.
 */
public final class KinesisSink implements EventSink {

  private static final int MAX_PER_CALL = 500;

  private final KinesisClient kinesis;
  private final String stream;
  private final List<PutRecordsRequestEntry> queued = new ArrayList<>();

  public KinesisSink(KinesisClient kinesis, String stream) {
    this.kinesis = kinesis;
    this.stream = stream;
  }

  @Override
  public synchronized void send(SourceEvent event) {
    queued.add(
        PutRecordsRequestEntry.builder()
            .partitionKey(event.entityKey())
            .data(SdkBytes.fromByteArray(event.json()))
            .build());
  }

  @Override
  public synchronized void flush() {
    List<PutRecordsRequestEntry> pending = new ArrayList<>(queued);
    queued.clear();
    for (int attempt = 0; !pending.isEmpty(); attempt++) {
      if (attempt == 20) {
        throw new IllegalStateException(pending.size() + " records not accepted by " + stream);
      }
      List<PutRecordsRequestEntry> refused = new ArrayList<>();
      for (int from = 0; from < pending.size(); from += MAX_PER_CALL) {
        List<PutRecordsRequestEntry> call =
            pending.subList(from, Math.min(pending.size(), from + MAX_PER_CALL));
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(call));
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < results.size(); i++) {
          if (results.get(i).errorCode() != null) {
            refused.add(call.get(i));
          }
        }
      }
      pending = refused;
    }
  }

  @Override
  public void close() {
    flush();
  }
}
