package io.tessera.benchmarks.serving;

import io.tessera.benchmarks.load.Zipf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Seven days of history for the benchmark's users, produced to the source topic <em>before</em> the
 * view exists, with record timestamps equal to event times, so the platform loads it the way it
 * loads any retained history: ingest replays the topic for the new view, the owner seals it into
 * Cassandra, the follower follows. Events go out in event-time order (each partition's watermark
 * then passes nothing it has not seen, so nothing is too late).
 *
 * <p>User of rank {@code r} ({@code u<r>}) gets its Zipf share of the events (at least one), at
 * distinct random times over {@code [end - 7d + 10 min, end)} (distinct: {@code last} has no tie to
 * break), with log-normal amounts. The events stay in memory for the exactness oracle.
 */
public final class HistoryLoader {
  public static final long WEEK_MS = 7 * 24 * 3_600_000L;

  /** Kafka's default retention is 7 days by record time: history stays inside it. */
  static final long MARGIN_MS = 10 * 60_000L;

  /** Event index in the low bits of a packed sort key (time in the high bits). */
  private static final int INDEX_BITS = 22;

  private final int users;
  private final IntUnaryOperator eventsOfRank;
  private int[] rankOf;
  private long[] timeOf;
  private double[] amountOf;
  private int[] firstOf; // events of rank r: [firstOf[r], firstOf[r + 1])
  private long endMs;

  /** {@code events} in all, user of rank r with its share of them under {@code activity}. */
  HistoryLoader(int users, long events, Zipf activity) {
    this(users, events, rank -> (int) Math.max(1, Math.round(events * activity.share(rank))));
  }

  private HistoryLoader(int users, long events, IntUnaryOperator eventsOfRank) {
    if (events >= 1L << INDEX_BITS) {
      throw new IllegalArgumentException("at most " + ((1 << INDEX_BITS) - 1) + " events");
    }
    this.users = users;
    this.eventsOfRank = eventsOfRank;
  }

  /** Every user with the same number of events (a training spine then weighs users alike). */
  public static HistoryLoader uniform(int users, int eventsPerUser) {
    return new HistoryLoader(users, (long) users * eventsPerUser, rank -> eventsPerUser);
  }

  public static String user(int rank) {
    return "u" + rank;
  }

  public int eventsOf(int rank) {
    return eventsOfRank.applyAsInt(rank);
  }

  public long endMs() {
    return endMs;
  }

  public int size() {
    return timeOf.length;
  }

  /** Draws every user's events, ending at {@code endMs} (exclusive). */
  public void generate(long end) {
    endMs = end;
    int total = 0;
    firstOf = new int[users + 2];
    for (int rank = 1; rank <= users; rank++) {
      firstOf[rank] = total;
      total += eventsOf(rank);
    }
    firstOf[users + 1] = total;
    rankOf = new int[total];
    timeOf = new long[total];
    amountOf = new double[total];
    long span = WEEK_MS - MARGIN_MS;
    for (int rank = 1; rank <= users; rank++) {
      SplittableRandom random = new SplittableRandom(rank);
      int from = firstOf[rank];
      int n = firstOf[rank + 1] - from;
      long[] times = random.longs(n * 2L, end - span, end).distinct().limit(n).sorted().toArray();
      for (int i = 0; i < n; i++) {
        rankOf[from + i] = rank;
        timeOf[from + i] = times[i];
        // Log-normal-ish amounts: many small payments, a few large ones.
        amountOf[from + i] = Math.round(Math.exp(3 + random.nextGaussian()) * 100) / 100.0;
      }
    }
  }

  /** Produces every event in event-time order, timestamps = event times; returns the count. */
  public long produce(Map<String, Object> kafka, String topic) {
    long[] order = new long[timeOf.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = (timeOf[i] << INDEX_BITS) | i;
    }
    Arrays.sort(order);
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (long packed : order) {
        int i = (int) (packed & ((1L << INDEX_BITS) - 1));
        String user = user(rankOf[i]);
        String json =
            "{\"user_id\":\""
                + user
                + "\",\"amount\":"
                + amountOf[i]
                + ",\"ts\":"
                + timeOf[i]
                + "}";
        producer.send(
            new ProducerRecord<>(
                topic, null, timeOf[i], user, json.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    return order.length;
  }

  /** The oracle's inputs: a user's event times and amounts, in time order. */
  public long[] times(int rank) {
    return Arrays.copyOfRange(timeOf, firstOf[rank], firstOf[rank + 1]);
  }

  public double[] amounts(int rank) {
    return Arrays.copyOfRange(amountOf, firstOf[rank], firstOf[rank + 1]);
  }
}
