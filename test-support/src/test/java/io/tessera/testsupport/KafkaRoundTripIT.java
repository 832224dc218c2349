package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealStackTest
class KafkaRoundTripIT {

  @Test
  void consumesWhatWasProducedToTheRealBroker(LocalStack stack) throws Exception {
    String topic = UniqueNames.of("smoke");
    try (AdminClient admin = AdminClient.create(stack.kafkaProperties())) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }

    Map<String, Object> producerProps = stack.kafkaProperties();
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "user_1", "{\"amount\": 12.5}")).get();
      producer.send(new ProducerRecord<>(topic, "user_2", "{\"amount\": 7}")).get();
    }

    Map<String, Object> consumerProps = stack.kafkaProperties();
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, UniqueNames.of("group"));
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < 2 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }

    assertThat(received)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("user_1", "{\"amount\": 12.5}"),
            org.assertj.core.groups.Tuple.tuple("user_2", "{\"amount\": 7}"));
  }
}
