package io.tessera.ingest.kinesis;

import io.tessera.ingest.views.SourceConsumer;
import io.tessera.ingest.watermark.InstanceWatermarks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Consumes one view version's Kinesis stream: every {@code shardSyncInterval} it lists the shards,
 * reads the lease table, and takes or gives up leases so that this worker holds its fair share of
 * the shards that are ready (parents read to their end): the ready shards divided by the workers
 * that announced themselves for the stream, rounded up. A worker over its share gives up leases,
 * one that is under takes free or expired ones, so the shards spread over the instances. Each held
 * shard is read by a {@link ShardReader}.
 */
final class KinesisViewConsumer implements SourceConsumer {

  private static final System.Logger LOG = System.getLogger(KinesisViewConsumer.class.getName());

  private final ShardContext context;
  private final java.time.Duration syncInterval;
  private final Map<String, ShardReader> readers = new HashMap<>();
  private final ScheduledExecutorService coordinator;
  private final InstanceWatermarks watermarks;
  private volatile boolean running = true;

  KinesisViewConsumer(
      ShardContext context, java.time.Duration syncInterval, InstanceWatermarks watermarks) {
    this.context = context;
    this.watermarks = watermarks;
    this.syncInterval = syncInterval;
    this.coordinator =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ingest-kinesis-" + context.view().label());
              t.setDaemon(true);
              return t;
            });
  }

  KinesisViewConsumer start() {
    coordinator.scheduleWithFixedDelay(
        this::sync, 0, syncInterval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    running = false;
    try {
      coordinator.submit(this::closeReaders).get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the shard readers failed", e);
    }
    coordinator.shutdownNow();
  }

  private void sync() {
    if (!running) {
      return;
    }
    String view = context.leaseName();
    String stream = context.stream();
    try {
      context.leases().heartbeat(view, stream, context.worker(), context.leaseDuration());
      readers.values().removeIf(reader -> !reader.isAlive());
      Map<String, ShardState> states = context.leases().states(view, stream);
      List<String> ready = new ShardGraph(listShards()).readyShards(states);
      int workers = Math.max(1, context.leases().workerCount(view, stream));
      int share = (ready.size() + workers - 1) / workers;
      while (readers.size() > share) {
        String shard = readers.keySet().iterator().next();
        LOG.log(System.Logger.Level.INFO, "giving up {0} to another worker", shard);
        readers.remove(shard).close();
      }
      Instant now = Instant.now();
      for (String shard : ready) {
        if (readers.size() >= share) {
          break;
        }
        ShardState state = states.get(shard);
        if (readers.containsKey(shard) || (state != null && !state.isFree(now))) {
          continue;
        }
        if (context
            .leases()
            .acquire(
                view, stream, shard, state, context.worker(), now.plus(context.leaseDuration()))) {
          LOG.log(System.Logger.Level.INFO, "{0} reads {1}", context.worker(), shard);
          readers.put(
              shard,
              new ShardReader(
                      context,
                      shard,
                      state == null ? java.util.Optional.empty() : state.checkpoint())
                  .start());
        }
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "syncing the shards of " + stream + " for " + context.view().label() + " failed: " + e);
    }
  }

  private List<Shard> listShards() {
    List<Shard> shards = new ArrayList<>();
    ListShardsResponse page = context.client().listShards(b -> b.streamName(context.stream()));
    shards.addAll(page.shards());
    while (page.nextToken() != null) {
      String token = page.nextToken();
      page = context.client().listShards(b -> b.nextToken(token));
      shards.addAll(page.shards());
    }
    return shards;
  }

  private void closeReaders() {
    List<ShardReader> all = new ArrayList<>(readers.values());
    readers.clear();
    all.forEach(ShardReader::close);
    watermarks.unregister(context.watermark());
    context.leases().leave(context.leaseName(), context.stream(), context.worker());
  }
}
