package io.tessera.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.tessera.testsupport.NetworkAddresses;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gRPC port listens where it is told: the local stack keeps it on loopback. */
class GrpcServerTest {

  /** Lets every call through: where the server listens is the point here, not who may call. */
  private static final ServerInterceptor NO_CREDENTIALS =
      new ServerInterceptor() {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
          return next.startCall(call, headers);
        }
      };

  @Test
  void listensOnLoopbackOnlyWhenToldSo() throws Exception {
    GrpcServer server =
        new GrpcServer(new GrpcFeatureServing(null), NO_CREDENTIALS, "127.0.0.1", 0);
    server.start();
    try {
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(NetworkAddresses.accepts(InetAddress.getLoopbackAddress(), server.port()))
          .isTrue();
      Optional<InetAddress> external = NetworkAddresses.nonLoopback();
      assumeThat(external).as("a network address besides loopback").isPresent();
      assertThat(NetworkAddresses.accepts(external.get(), server.port())).isFalse();
    } finally {
      server.stop();
    }
  }

  @Test
  void listensOnEveryInterfaceWithoutAnAddress() throws Exception {
    GrpcServer server = new GrpcServer(new GrpcFeatureServing(null), NO_CREDENTIALS, "", 0);
    server.start();
    try {
      assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
    } finally {
      server.stop();
    }
  }

  @Test
  void anUnknownAddressFailsTheStart() {
    GrpcServer server =
        new GrpcServer(new GrpcFeatureServing(null), NO_CREDENTIALS, "192.0.2.254", 0);
    assertThatThrownBy(server::start).isInstanceOf(RuntimeException.class);
  }
}
