package io.tessera.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealStackTest
class RegistryClientIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void openProducer() {
    producer =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(), new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void closeProducer() {
    producer.close();
  }

  @Test
  void catchesUpWithEverythingPublishedBeforeItStarted() throws Exception {
    String topic = createTopic();
    publish(topic, Fixtures.view("user_txn", 1, "txn_count"));
    publish(topic, Fixtures.view("user_txn", 2, "purchases"));
    publish(topic, Fixtures.service("fraud", 1, "user_txn@1:txn_count"));
    publish(topic, Fixtures.view("old", 1, "txn_count"));
    publish(topic, Fixtures.deletion(DefinitionKind.VIEW, "old", 1));

    try (RegistryClient client = client(topic)) {
      assertThat(client.awaitCaughtUp(WAIT)).isTrue();

      RegistrySnapshot snapshot = client.snapshot();
      assertThat(snapshot.latestView("user_txn").orElseThrow().version()).isEqualTo(2);
      assertThat(snapshot.view("user_txn", 1)).isPresent();
      assertThat(snapshot.latestService("fraud")).isPresent();
      assertThat(snapshot.liveViewNames()).containsExactly("user_txn");
      assertThat(snapshot.views().get("old").isDeleted()).isTrue();
    }
  }

  @Test
  void tellsListenersOfNewVersionsAndDeletionsWhileFollowing() throws Exception {
    String topic = createTopic();
    publish(topic, Fixtures.view("user_txn", 1, "txn_count"));
    try (RegistryClient client = client(topic)) {
      assertThat(client.awaitCaughtUp(WAIT)).isTrue();
      BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
      client.addListener(
          new RegistryListener() {
            @Override
            public void onVersion(RegisteredDefinition<?> version, RegistrySnapshot snapshot) {
              heard.add(version);
            }

            @Override
            public void onDeletion(DeletionRecord deletion, RegistrySnapshot snapshot) {
              heard.add(deletion);
            }
          });

      publish(topic, Fixtures.view("user_txn", 2, "purchases"));
      RegisteredDefinition<?> second = (RegisteredDefinition<?>) heard.poll(5, TimeUnit.SECONDS);
      assertThat(second).isNotNull();
      assertThat(second.version()).isEqualTo(2);
      assertThat(client.snapshot().latestView("user_txn").orElseThrow().version()).isEqualTo(2);

      publish(topic, Fixtures.view("user_txn", 2, "purchases")); // republished: nothing new
      publish(topic, Fixtures.deletion(DefinitionKind.VIEW, "user_txn", 2));
      assertThat(heard.poll(5, TimeUnit.SECONDS)).isInstanceOf(DeletionRecord.class);
      assertThat(client.snapshot().latestView("user_txn")).isEmpty();
    }
  }

  @Test
  void skipsUnreadableRecordsAndReadsOn() throws Exception {
    String topic = createTopic();
    producer.send(new ProducerRecord<>(topic, "garbage", "{")).get();
    producer.send(new ProducerRecord<>(topic, "view/x/1", "{\"kind\":\"view\"}")).get();
    publish(topic, Fixtures.view("user_txn", 1, "txn_count"));

    try (RegistryClient client = client(topic)) {
      assertThat(client.awaitCaughtUp(WAIT)).isTrue();
      assertThat(client.snapshot().liveViewNames()).containsExactly("user_txn");
    }
  }

  @Test
  void startsEmptyOnAMissingTopicAndReadsItOnceItExists() throws Exception {
    String topic = UniqueNames.of("registry_client_it");
    try (RegistryClient client = client(topic)) {
      assertThat(client.awaitCaughtUp(WAIT)).isTrue();
      assertThat(client.snapshot().views()).isEmpty();

      createTopic(topic);
      publish(topic, Fixtures.view("user_txn", 1, "txn_count"));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (client.snapshot().latestView("user_txn").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(client.snapshot().latestView("user_txn")).isPresent();
    }
  }

  private static RegistryClient client(String topic) {
    return new RegistryClient(LocalStack.get().kafkaProperties(), topic).start();
  }

  private static void publish(String topic, TopicRecord record) throws Exception {
    producer.send(new ProducerRecord<>(topic, record.key(), RecordCodec.value(record))).get();
  }

  private static String createTopic() throws Exception {
    return createTopic(UniqueNames.of("registry_client_it"));
  }

  private static String createTopic(String topic) throws Exception {
    try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get();
    }
    return topic;
  }
}
