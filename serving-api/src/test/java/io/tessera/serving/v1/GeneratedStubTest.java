package io.tessera.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

/** The generated messages and stubs work together as a client would use them. */
class GeneratedStubTest {

  @Test
  void blockingStubCallsAServiceAndGetsTheVectorBack() throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new FeatureServingGrpc.FeatureServingImplBase() {
                  @Override
                  public void getFeatures(
                      GetFeaturesRequest request, StreamObserver<FeatureVector> response) {
                    response.onNext(
                        FeatureVector.newBuilder()
                            .setEntity(request.getEntity())
                            .setAt(request.getAt())
                            .addValues(
                                FeatureValue.newBuilder()
                                    .setName(
                                        request.getSelection().getFeatures().getReferences(0)
                                            + ":1h")
                                    .setStatus(Status.PRESENT)
                                    .setValue(Value.newBuilder().setDoubleValue(12.5)))
                            .build());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      FeatureVector vector =
          FeatureServingGrpc.newBlockingStub(channel)
              .getFeatures(
                  GetFeaturesRequest.newBuilder()
                      .setSelection(
                          FeatureSelection.newBuilder()
                              .setFeatures(
                                  FeatureList.newBuilder()
                                      .addReferences("user_transactions:spend")))
                      .setEntity(Entity.newBuilder().putKeys("user_id", "u1"))
                      .setAt(Timestamp.newBuilder().setSeconds(1_773_153_445L))
                      .build());

      assertThat(vector.getEntity().getKeysMap()).containsEntry("user_id", "u1");
      assertThat(vector.getAt().getSeconds()).isEqualTo(1_773_153_445L);
      assertThat(vector.getValues(0).getName()).isEqualTo("user_transactions:spend:1h");
      assertThat(vector.getValues(0).getValue().getKindCase())
          .isEqualTo(Value.KindCase.DOUBLE_VALUE);
      assertThat(vector.getValues(0).hasNewestEventTime()).isFalse();
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }
}
