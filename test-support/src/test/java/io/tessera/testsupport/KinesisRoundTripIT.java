package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Puts a record to the real Kinesis-API server with the AWS SDK v2 and reads it back. */
@RealStackTest
class KinesisRoundTripIT {

  @Test
  void getsBackTheRecordItPut(LocalStack stack) throws Exception {
    String stream = UniqueNames.of("smoke");
    try (KinesisClient kinesis = stack.kinesisClient()) {
      kinesis.createStream(b -> b.streamName(stream).shardCount(1));
      awaitActive(kinesis, stream);

      var put =
          kinesis.putRecord(
              b ->
                  b.streamName(stream)
                      .partitionKey("user_1")
                      .data(SdkBytes.fromUtf8String("{\"amount\": 3}")));
      String iterator =
          kinesis
              .getShardIterator(
                  b ->
                      b.streamName(stream)
                          .shardId(put.shardId())
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      List<Record> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        var response = kinesis.getRecords(b -> b.shardIterator(iterator));
        records.addAll(response.records());
      }

      assertThat(records).hasSize(1);
      assertThat(records.get(0).partitionKey()).isEqualTo("user_1");
      assertThat(records.get(0).data().asUtf8String()).isEqualTo("{\"amount\": 3}");
      assertThat(records.get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
    }
  }

  private static void awaitActive(KinesisClient kinesis, String stream)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var status =
          kinesis.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus();
      if (status == StreamStatus.ACTIVE) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("stream " + stream + " did not become ACTIVE");
  }
}
