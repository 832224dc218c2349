package io.tessera.serving.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gRPC server on its own port, started and stopped with the application context. Calls run on a
 * fixed pool (the serving path blocks while its reads complete), not on Netty's event loop.
 */
public final class GrpcServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final GrpcFeatureServing service;
  private final int port;
  private final int threads;
  private ExecutorService executor;
  private Server server;

  /**
   * @param threads handler threads; a handler waits for the store while it answers, so this bounds
   *     the requests in progress (as Tomcat's thread pool does for REST), not the CPU used
   */
  public GrpcServer(GrpcFeatureServing service, int port, int threads) {
    this.service = service;
    this.port = port;
    this.threads = threads;
  }

  @Override
  public synchronized void start() {
    executor = Executors.newFixedThreadPool(threads);
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(port))
              .executor(executor)
              .addService(service)
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start gRPC on port " + port, e);
    }
    log.info("gRPC FeatureServing listening on port {}", server.getPort());
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server.shutdownNow();
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The bound port (the configured one, or the one chosen for port 0). */
  public synchronized int port() {
    return server == null ? port : server.getPort();
  }
}
