package io.tessera.ingest.bench;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.Normalizer;
import io.tessera.ingest.normalize.Outcome;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.records.normalized.NormalizedKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What ingest spends per event before the Kafka producer takes it: the source record's JSON decoded
 * and transformed with the view's definition ({@link Normalizer}), and the normalized record's key
 * and value made as {@code IngestPipeline} sends them. The view and the payloads are the throughput
 * benchmark's ({@code benchmarks/.../PipelineView}, {@code RandomEvents}): six payload columns, a
 * string id, a Zipf-like entity. The producer's own work (batching, compression) is not here.
 *
 * <p>Run without installing anything, from the repository root:
 *
 * <pre>
 * mvn -q -o -pl ingest-service -am test-compile dependency:build-classpath -Djib.skip=true \
 *   -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
 * java -cp ingest-service/target/classes:ingest-service/target/test-classes:$(cat \
 *   ingest-service/target/jmh.classpath) org.openjdk.jmh.Main IngestRecordBenchmark \
 *   -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IngestRecordBenchmark {
  private static final long NOW_MS = 1_772_841_600_000L;
  private static final int PREPARED = 1 << 12;
  private static final String VIEW_JSON =
      """
      {"name": "bench", "entity": "user_id",
       "source": {"type": "kafka", "topic": "bench_source"},
       "schema": {"user_id": "string", "txn_id": "string", "amount": "long", "price": "double",
                  "category": "string", "ts": "long"},
       "eventTime": {"field": "ts", "format": "epoch_millis"},
       "eventId": "txn_id",
       "features": [
         {"name": "events", "function": "count", "windows": ["1m", "1h", "1d", "lifetime"]},
         {"name": "amount_sum", "function": "sum", "input": "amount", "windows": ["1h", "1d"]},
         {"name": "price_mean", "function": "mean", "input": "price", "windows": ["1h"]},
         {"name": "price_max", "function": "max", "input": "price", "windows": ["1d"]},
         {"name": "categories", "function": "approx_count_distinct", "input": "category",
          "windows": ["1d"]},
         {"name": "last_category", "function": "last", "input": "category", "windows": ["1h"]}
       ],
       "allowedLateness": "2m",
       "owner": "benchmarks"}
      """;

  private final SourceEvent[] events = new SourceEvent[PREPARED];
  private CompiledView view;
  private Normalizer normalizer;
  private NormalizedEvent normalized;
  private int next;

  @Setup(Level.Trial)
  public void prepare() {
    view = CompiledView.compile(DefinitionJson.readView(VIEW_JSON).orThrow(), 1);
    normalizer = new Normalizer(1 << 20, InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < PREPARED; i++) {
      // rank r drawn with weight about 1/r over 100,000 entities, as the generator's Zipf
      int rank = (int) Math.min(99_999, Math.exp(random.nextDouble() * Math.log(100_000)));
      String price =
          random.nextInt(20) == 0 ? "null" : Double.toString(random.nextInt(100_000) / 100.0);
      String json =
          ("{\"user_id\":\"user-%d\",\"txn_id\":\"b-%d\",\"amount\":%d,\"price\":%s,"
                  + "\"category\":\"c%d\",\"ts\":%d}")
              .formatted(
                  rank,
                  1_000_000 + i,
                  random.nextLong(-50, 1_000),
                  price,
                  random.nextInt(40),
                  NOW_MS - random.nextInt(5_000));
      events[i] =
          new SourceEvent(
              json.getBytes(StandardCharsets.UTF_8),
              new SourcePosition("kafka", "bench_source", "0", Long.toString(i)),
              NOW_MS);
    }
    normalized = ((Outcome.Normalized) normalizer.normalize(view, events[0])).event();
  }

  /** One source event normalized, and its normalized record made. */
  @Benchmark
  public ProducerRecord<byte[], byte[]> normalizeAndEncodeOneEvent() {
    SourceEvent event = events[next++ & (PREPARED - 1)];
    NormalizedEvent normalizedEvent =
        ((Outcome.Normalized) normalizer.normalize(view, event)).event();
    return new ProducerRecord<>(
        "normalized",
        null,
        normalizedEvent.sourceTimeMs(),
        NormalizedKey.of(normalizedEvent).encode(),
        NormalizedEventCodec.encode(normalizedEvent));
  }

  /** The part of {@link #normalizeAndEncodeOneEvent} that encodes the normalized record's value. */
  @Benchmark
  public byte[] encodeOneEvent() {
    return NormalizedEventCodec.encode(normalized);
  }
}
