package org.operatefirst.anonymizer.publisher.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;

class LearnedNamesExchangeTest {

    private static final String TOPIC = "learned-names";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LearnedIdentities memory = LearnedIdentities.of(100, Duration.ofHours(24));
    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final TopicPartition partition = new TopicPartition(TOPIC, 0);

    private LearnedNamesExchange exchange() {
        final Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node},
                new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        return new LearnedNamesExchange(TOPIC, memory, producer, consumer, clock, false);
    }

    @Test
    void aNameThisInstanceLearnsIsWrittenWithWhenItWasLearned() {
        final LearnedNamesExchange exchange = exchange();

        memory.remember(List.of("kroe42", "bob", "kroe42"));

        assertThat(producer.history()).extracting(ProducerRecord::key, ProducerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kroe42", Long.toString(NOW.toEpochMilli())));
        exchange.close();
    }

    @Test
    void aNameAnotherInstanceLearnedIsRememberedHereAndNotWrittenAgain() {
        final LearnedNamesExchange exchange = exchange();
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "kroe42",
                Long.toString(NOW.minus(Duration.ofHours(1)).toEpochMilli())));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "jdoe77",
                Long.toString(NOW.minus(Duration.ofHours(25)).toEpochMilli())));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "rroe11", "not a time"));

        exchange.readOnce();

        assertThat(memory.occurringIn("bye kroe42 jdoe77 rroe11")).containsExactly("kroe42");
        assertThat(producer.history()).isEmpty();
        exchange.close();
    }

    @Test
    void withoutTheTopicNothingIsSharedAndTheServiceRunsOn() {
        final LearnedNamesExchange exchange = new LearnedNamesExchange(TOPIC, memory, producer, consumer, clock,
                false);

        memory.remember(List.of("kroe42"));

        assertThat(producer.history()).isEmpty();
        assertThat(memory.occurringIn("kroe42")).containsExactly("kroe42");
        exchange.close();
    }
}
