package io.tessera.storage.sealed;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/**
 * A range read over time buckets: one query per partition, all in flight at once, results
 * concatenated in bucket (so time) order. Rows inside a partition already come in clustering order.
 */
final class BucketReads {
  private BucketReads() {}

  static <T> CompletionStage<List<T>> inOrder(
      List<Long> buckets, LongFunction<CompletionStage<List<T>>> query) {
    if (buckets.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<CompletableFuture<List<T>>> reads = new ArrayList<>(buckets.size());
    for (long bucket : buckets) {
      reads.add(query.apply(bucket).toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<T> all = new ArrayList<>();
              reads.forEach(read -> all.addAll(read.join()));
              return all;
            });
  }

  /** The bytes of a blob cell (the driver's buffer may be shared; it is not consumed). */
  static byte[] bytes(ByteBuffer blob) {
    byte[] bytes = new byte[blob.remaining()];
    blob.duplicate().get(bytes);
    return bytes;
  }
}
