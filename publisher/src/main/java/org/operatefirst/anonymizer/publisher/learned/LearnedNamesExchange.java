package org.operatefirst.anonymizer.publisher.learned;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.operatefirst.anonymizer.publisher.kafka.KafkaClientProperties;
import org.operatefirst.anonymizer.publisher.streams.PublisherStreams;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the user names this instance learns from context with the other instances, through a compacted topic
 * that every instance reads whole (ADR-0024): key = the name, value = when it was learned (milliseconds since the
 * epoch). A name this instance remembers for the first time, or again after half its time to live, is written;
 * every name read is remembered for what is left of its time to live. Opt-in: only with
 * {@value #TOPIC_PROPERTY} set, and the topic created (compacted, {@code retention.ms} about the policy's
 * {@code learned-names-ttl}) and readable and writable by the service only, since it holds user names in clear.
 * Without the topic the service runs on, each instance learning alone, and says so.
 *
 * <p>No consumer group: the reader assigns itself every partition from the beginning and commits nothing. Logs
 * carry topic and offsets, never a name.
 */
@Context
@Requires(property = LearnedNamesExchange.TOPIC_PROPERTY)
@Requires(property = PublisherStreams.ENABLED_PROPERTY, notEquals = "false")
public final class LearnedNamesExchange implements AutoCloseable {

    /** The topic the instances share learned names through; unset: not shared. */
    public static final String TOPIC_PROPERTY = "anonymizer.learned-names.topic";

    private static final Logger LOG = LoggerFactory.getLogger(LearnedNamesExchange.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final LearnedIdentities memory;
    private final Producer<String, String> producer;
    private final Consumer<String, String> consumer;
    private final Clock clock;
    private final Thread reader;
    private volatile boolean running = true;

    @Inject
    LearnedNamesExchange(@Value("${" + TOPIC_PROPERTY + "}") final String topic, final LearnedIdentities memory,
            final KafkaClientProperties clients) {
        this(topic, memory, new KafkaProducer<>(producerProperties(clients), new StringSerializer(),
                new StringSerializer()), new KafkaConsumer<>(consumerProperties(clients), new StringDeserializer(),
                new StringDeserializer()), Clock.systemUTC(), true);
    }

    /**
     * Creates the exchange on given clients.
     *
     * @param topic    the shared topic
     * @param memory   this instance's memory
     * @param producer writes the names this instance learns
     * @param consumer reads every instance's names
     * @param clock    the wall clock, for the records' times
     * @param read     whether to start the thread that reads; tests call {@link #readOnce()} instead
     */
    LearnedNamesExchange(final String topic, final LearnedIdentities memory, final Producer<String, String> producer,
            final Consumer<String, String> consumer, final Clock clock, final boolean read) {
        this.topic = topic;
        this.memory = memory;
        this.producer = producer;
        this.consumer = consumer;
        this.clock = clock;
        final List<TopicPartition> partitions = new ArrayList<>();
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        for (final PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        if (partitions.isEmpty()) {
            LOG.warn("Topic {} ({}) not found: learned user names are not shared between instances", topic,
                    TOPIC_PROPERTY);
            this.reader = null;
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        memory.onLearned(this::announce);
        if (read) {
            this.reader = new Thread(this::read, "anonymizer-learned-names");
            this.reader.setDaemon(true);
            this.reader.start();
        } else {
            this.reader = null;
        }
        LOG.info("Sharing learned user names through {}, partitions: {}", topic, partitions.size());
    }

    private static Map<String, Object> producerProperties(final KafkaClientProperties clients) {
        final Map<String, Object> properties = new HashMap<>(clients.common());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "anonymizer-learned-names");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return properties;
    }

    private static Map<String, Object> consumerProperties(final KafkaClientProperties clients) {
        final Map<String, Object> properties = new HashMap<>(clients.common());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "anonymizer-learned-names-reader");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }

    /** Writes a name this instance learned. Asynchronous: a failure is logged, and the name stays local. */
    void announce(final String name) {
        producer.send(new ProducerRecord<>(topic, name, Long.toString(clock.millis())), (metadata, error) -> {
            if (error != null) {
                LOG.warn("Could not share a learned user name on {}: {}", topic, error.toString());
            }
        });
    }

    /** Reads what the topic holds now and remembers each name for what is left of its time to live. */
    void readOnce() {
        for (final ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            if (record.key() == null || record.value() == null) {
                continue;
            }
            final long learned;
            try {
                learned = Long.parseLong(record.value().strip());
            } catch (final NumberFormatException e) {
                LOG.warn("Ignored the record at {}-{}@{}: not a time", record.topic(), record.partition(),
                        record.offset());
                continue;
            }
            memory.rememberShared(record.key(), Duration.ofMillis(Math.max(0, clock.millis() - learned)));
        }
    }

    private void read() {
        while (running) {
            try {
                readOnce();
            } catch (final WakeupException e) {
                return;
            } catch (final RuntimeException e) {
                LOG.warn("Reading {} failed, retrying: {}", topic, e.toString());
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        memory.onLearned(null);
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(Duration.ofSeconds(5).toMillis());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
