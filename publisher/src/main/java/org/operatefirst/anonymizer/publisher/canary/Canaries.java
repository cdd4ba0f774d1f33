package org.operatefirst.anonymizer.publisher.canary;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.operatefirst.anonymizer.publisher.config.TopicsConfiguration;
import org.operatefirst.anonymizer.publisher.kafka.KafkaClientProperties;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.publisher.streams.PublisherStreams;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a canary into {@code raw.logs} at every interval, in the shape the logs decoder
 * ({@code anonymizer.decoders.logs}) reads and marked by the {@value RecordHeaderNames#CANARY} header, and watches
 * the log topics of the tiers that publish canaries for it: the sanitized tier always, the public tier only if the
 * publication policy publishes canaries ({@code publish.canaries: publish}; by default they are withheld from it).
 * A canary that arrives with any of its raw identifiers is a leak: counted in
 * {@code anonymizer_canary_failures_total} and shown in the details of the {@code canary} health check for good,
 * until the service restarts; the check itself stays UP, the PrometheusRule alerts. A tier that has not shown a canary for longer than {@code anonymizer.canary.overdue} is
 * reported too: the pipeline is stalled or withholds the canary's records.
 */
@Context
@Requires(property = "anonymizer.canary.enabled", notEquals = "false")
// Canaries watch the topology's output: without the topology there is nothing to watch.
@Requires(property = PublisherStreams.ENABLED_PROPERTY, notEquals = "false")
public final class Canaries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Canaries.class);
    /** Canaries remembered for the check: those older have either arrived or are long overdue. */
    private static final int REMEMBERED = 1000;

    private final CanaryConfiguration configuration;
    private final TopicNames topics;
    private final String decoder;
    /** The tiers that get canaries, and are watched. */
    private final List<Tier> watched;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final Deque<Canary> sent = new ArrayDeque<>();
    private final Map<Tier, Instant> lastArrival = new EnumMap<>(Tier.class);
    private final List<String> leaks = new ArrayList<>();
    private final Instant started;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry registry;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScheduledExecutorService injector;
    private final Thread monitor;
    private volatile boolean running = true;

    Canaries(final CanaryConfiguration configuration, final TopicsConfiguration topics,
            final KafkaClientProperties clients, final MeterRegistry registry, final PublisherStreams streams,
            final PublicationPolicy publication,
            @Property(name = "anonymizer.decoders.logs", defaultValue = "text") final String decoder) {
        this.configuration = configuration;
        this.topics = topics.names();
        this.decoder = decoder;
        this.watched = publication.publishCanaries() ? List.of(Tier.values()) : List.of(Tier.SANITIZED);
        // Fails at start-up, not per canary, for a decoder without a canary shape.
        Canary.of(run, 0).value(decoder, configuration.namespace(), clock.instant());
        this.registry = registry;
        this.started = clock.instant();
        final Map<String, Object> producerProperties = clients.common();
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG, "anonymizer-canary-" + run);
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        // No consumer group: the monitor reads every partition from the end, commits nothing and needs no group
        // ACL (ADR-0010). The topics exist: the topology, injected above, provisions them before it starts.
        final Map<String, Object> consumerProperties = new HashMap<>(clients.common());
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "anonymizer-canary-monitor-" + run);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final Tier tier : watched) {
            for (final PartitionInfo info : consumer.partitionsFor(this.topics.output(tier, RecordKind.LOGS),
                    Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        this.consumer.assign(partitions);
        this.consumer.seekToEnd(partitions);
        registry.counter("anonymizer.canary.failures");
        for (final Tier tier : watched) {
            registry.gauge("anonymizer.canary.age", List.of(io.micrometer.core.instrument.Tag.of("tier",
                    tier.label())), this, canaries -> canaries.secondsSinceArrival(tier));
        }
        this.monitor = new Thread(this::watch, "anonymizer-canary-monitor");
        this.monitor.setDaemon(true);
        this.monitor.start();
        this.injector = Executors.newSingleThreadScheduledExecutor(task -> {
            final Thread thread = new Thread(task, "anonymizer-canary-injector");
            thread.setDaemon(true);
            return thread;
        });
        final long interval = configuration.interval().toMillis();
        // The first canary waits one interval, after the monitor has found the end of its partitions.
        injector.scheduleAtFixedRate(this::inject, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Injecting a canary shaped for the {} decoder into {} every {} and watching {}", decoder,
                this.topics.raw(RecordKind.LOGS), configuration.interval(),
                watched.stream().map(tier -> this.topics.output(tier, RecordKind.LOGS)).toList());
    }

    /** Produces the next canary. */
    void inject() {
        final Canary canary = Canary.of(run, sequence.incrementAndGet());
        synchronized (this) {
            sent.addLast(canary);
            while (sent.size() > REMEMBERED) {
                sent.removeFirst();
            }
        }
        final byte[] value = canary.value(decoder, configuration.namespace(), clock.instant())
                .getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topics.raw(RecordKind.LOGS), null, (byte[]) null, value,
                List.<Header>of(new RecordHeader(RecordHeaderNames.CANARY,
                        canary.id().getBytes(StandardCharsets.UTF_8)))),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("Could not inject canary {}: {}", canary.id(), error.toString());
                    }
                });
    }

    private void watch() {
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.headers().lastHeader(RecordHeaderNames.CANARY) != null && record.value() != null) {
                        check(record.topic(), new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (final WakeupException e) {
            // Closing.
        } catch (final RuntimeException e) {
            LOG.error("The canary monitor stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Checks one output record marked as a canary: it must carry none of the canary's raw identifiers. The
     * canary's id survives scrubbing, in whatever envelope the decoder's shape put the canary's line.
     */
    synchronized void check(final String topic, final String value) {
        final Tier tier = topic.equals(topics.output(Tier.PUBLIC, RecordKind.LOGS)) ? Tier.PUBLIC : Tier.SANITIZED;
        for (final Canary canary : sent) {
            if (!containsToken(value, canary.id())) {
                continue;
            }
            for (final String identifier : canary.identifiers()) {
                if (containsToken(value, identifier)) {
                    leaks.add(canary.id() + " in " + topic);
                    registry.counter("anonymizer.canary.failures").increment();
                    LOG.error("Canary {} appeared unpseudonymized in {}: the scrubbing rules leak", canary.id(),
                            topic);
                    return;
                }
            }
            lastArrival.put(tier, clock.instant());
            return;
        }
    }

    private static boolean containsToken(final String text, final String token) {
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
            final int end = at + token.length();
            if ((at == 0 || !isTokenChar(text.charAt(at - 1)))
                    && (end == text.length() || !isTokenChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTokenChar(final char c) {
        return Character.isLetterOrDigit(c) || c == '.';
    }

    /** The canaries injected and remembered, oldest first (for tests). */
    synchronized List<Canary> sentForTest() {
        return List.copyOf(sent);
    }

    /** The canary health: leaks (for good), and tiers on which no canary arrived for too long. */
    synchronized CanaryStatus status() {
        final Instant now = clock.instant();
        final List<String> overdue = new ArrayList<>();
        for (final Tier tier : watched) {
            final Instant since = lastArrival.getOrDefault(tier, started);
            if (Duration.between(since, now).compareTo(configuration.overdue()) > 0) {
                overdue.add(tier.label());
            }
        }
        return new CanaryStatus(List.copyOf(leaks), overdue, sequence.get(), Map.copyOf(lastArrival));
    }

    private synchronized double secondsSinceArrival(final Tier tier) {
        final Instant since = lastArrival.getOrDefault(tier, started);
        return Duration.between(since, clock.instant()).toMillis() / 1000.0;
    }

    /**
     * What the canaries show.
     *
     * @param leaks       canaries that appeared with a raw identifier, and where
     * @param overdue     tiers on which no canary arrived within the overdue time
     * @param injected    how many canaries were injected
     * @param lastArrival when a canary last arrived, per tier
     */
    record CanaryStatus(List<String> leaks, List<String> overdue, long injected, Map<Tier, Instant> lastArrival) {
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        injector.shutdownNow();
        consumer.wakeup();
        try {
            monitor.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
