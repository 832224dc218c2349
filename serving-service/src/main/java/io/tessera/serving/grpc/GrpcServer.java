package io.tessera.serving.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gRPC server on its own port, started and stopped with the application context.
 *
 * <p>Calls run on Netty's event loops ({@code directExecutor()}), not on a handler pool: a handler
 * parses the request, resolves and validates it, starts its reads and returns; the answer is sent
 * from the service stage's callback. Nothing on that path blocks: statements are prepared when the
 * store is built, the store's bulkhead refuses instead of waiting, the driver queues requests
 * without blocking, and the caches are looked up, never loaded, under a lock. What does run there
 * is CPU work of microseconds (protobuf parsing, the definitions lookup, and merging a window's IRs
 * when every tile was a cache hit), which a pool would only move one thread hop away on a two-core
 * machine. Anything that may block must not be added to this path: it would stall every connection
 * on that event loop. That holds for the {@link CredentialsInterceptor} every call passes first.
 */
public final class GrpcServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final GrpcFeatureServing service;
  private final ServerInterceptor credentials;
  private final String host;
  private final int port;
  private Server server;

  /**
   * @param credentials authenticates and authorizes every call before it reaches {@code service}
   * @param host the address to listen on (the local stack: loopback only); blank for every
   *     interface
   */
  public GrpcServer(
      GrpcFeatureServing service, ServerInterceptor credentials, String host, int port) {
    this.service = service;
    this.credentials = credentials;
    this.host = host == null ? "" : host.strip();
    this.port = port;
  }

  @Override
  public synchronized void start() {
    try {
      server =
          NettyServerBuilder.forAddress(
                  host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port))
              .directExecutor()
              .addService(ServerInterceptors.intercept(service, credentials))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start gRPC on " + (host.isEmpty() ? "port " : host + ":") + port, e);
    }
    log.info("gRPC FeatureServing listening on {}", server.getListenSockets());
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
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The bound address, once started. */
  public synchronized InetSocketAddress address() {
    return (InetSocketAddress) server.getListenSockets().get(0);
  }

  /** The bound port (the configured one, or the one chosen for port 0). */
  public synchronized int port() {
    return server == null ? port : server.getPort();
  }
}
