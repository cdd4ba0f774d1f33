package org.operatefirst.anonymizer.publisher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Measures one topology on a broker, in two phases.
 * <ol>
 *   <li><b>Throughput.</b> {@code warmupRecords + records} generated records are produced to the raw topics
 *       before the topology starts. The first {@code warmupRecords} to come out, {@code read_committed}, of the
 *       sanitized topics (or the quarantine) are not timed: they let the JIT compile the topology's code, as a
 *       long-running service has, and a sustained rate is what is measured. The clock then runs until the next
 *       {@code records} have come out (without a warm-up: from the Kafka Streams client reaching {@code RUNNING}).
 *       A backlog keeps the producer's cost out of the figure and keeps the topology busy all the time.</li>
 *   <li><b>Latency.</b> With the topology running, {@code latencyRecords} more are produced at a fixed rate; the
 *       latency of each is the time from its produce timestamp (which Kafka Streams carries to the output record)
 *       to the moment a {@code read_committed} consumer reads it from a public topic. Under
 *       {@code exactly_once_v2} it includes the wait for the transaction commit.</li>
 * </ol>
 */
public final class BenchRun {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LEADER_POLL = Duration.ofMillis(50);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final double PERCENTILE_50 = 0.50;
    private static final double PERCENTILE_99 = 0.99;

    private final Map<String, Object> clientProperties;
    private final Map<String, Object> streamsProperties;
    private final Consumer<Collection<String>> topicCreator;
    private final Settings settings;

    /**
     * How much to measure.
     *
     * @param warmupRecords  records processed before the throughput phase's clock starts, at least 0
     * @param records        records in the throughput phase, at least 1
     * @param latencyRecords records in the latency phase, at least 1
     * @param latencyRate    records per second in the latency phase, at least 1
     * @param timeout        how long each phase may take before the run fails
     */
    public record Settings(int warmupRecords, int records, int latencyRecords, int latencyRate, Duration timeout) {
        /** Validates the settings. */
        public Settings {
            if (warmupRecords < 0 || records < 1 || latencyRecords < 1 || latencyRate < 1) {
                throw new IllegalArgumentException("records, latency records and latency rate must be positive, "
                        + "warm-up records not negative");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
        }
    }

    /**
     * Creates a run.
     *
     * @param clientProperties  properties of the producer and consumer: at least {@code bootstrap.servers}
     * @param streamsProperties the Kafka Streams configuration of the service, used for every topology measured
     *                          here; only the application id and state directory are replaced
     * @param topicCreator      creates the named topics, with the partitions under test, if they are missing
     * @param settings          how much to measure
     */
    public BenchRun(final Map<String, Object> clientProperties, final Map<String, Object> streamsProperties,
            final Consumer<Collection<String>> topicCreator, final Settings settings) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.streamsProperties = Map.copyOf(streamsProperties);
        this.topicCreator = topicCreator;
        this.settings = settings;
    }

    /**
     * Measures a topology.
     *
     * @param name     the topology's name in the result
     * @param topology the topology, reading and writing {@code topics}
     * @param topics   topics no other measurement uses
     * @param records  a fresh generator; equal generators give every topology the same records
     * @return the measurement
     * @throws IllegalStateException if the topology fails or a phase does not complete within the timeout
     */
    public Measurement measure(final String name, final Topology topology, final TopicNames topics,
            final Supplier<BenchRecords> records) {
        topicCreator.accept(topics.all());
        awaitLeaders(topics.all());
        final BenchRecords generator = records.get();
        final Path stateDir = createStateDir();
        try (KafkaProducer<byte[], byte[]> producer = producer();
                OutputReader reader = new OutputReader(topics)) {
            produce(producer, generator, topics, settings.warmupRecords(), 0);
            final long inputBytes = produce(producer, generator, topics, settings.records(), 0);
            final long backlog = (long) settings.warmupRecords() + settings.records();
            final AtomicLong runningSince = new AtomicLong();
            final Properties properties = streamsProperties(name, stateDir);
            final KafkaStreams streams = new KafkaStreams(topology, properties);
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    runningSince.compareAndSet(0, System.nanoTime());
                }
            });
            try {
                reader.start();
                final long startedAt = System.nanoTime();
                streams.start();
                final long warmedAt = settings.warmupRecords() == 0 ? 0
                        : reader.awaitCount(settings.warmupRecords(), settings.timeout(), streams);
                final String prefix = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
                final long cpuFrom = processCpuNanos();
                final long streamsFrom = threadsCpuNanos(prefix);
                final long doneAt = reader.awaitCount(backlog, settings.timeout(), streams);
                final long cpuTo = processCpuNanos();
                final long streamsTo = threadsCpuNanos(prefix);
                // Records are processed once the client runs; fall back to start() should that come unnoticed.
                final long from = warmedAt != 0 ? warmedAt
                        : runningSince.get() == 0 ? startedAt : runningSince.get();
                final double seconds = (doneAt - from) / 1e9;

                reader.measureLatencyFrom(System.currentTimeMillis());
                produce(producer, generator, topics, settings.latencyRecords(), settings.latencyRate());
                reader.awaitCount(backlog + settings.latencyRecords(), settings.timeout(), streams);
                final long[] latencies = reader.latencies();
                return new Measurement(name, settings.records(), inputBytes, seconds, settings.latencyRecords(),
                        latencies.length,
                        percentile(latencies, PERCENTILE_50), percentile(latencies, PERCENTILE_99),
                        reader.quarantined(),
                        cpuFrom < 0 || cpuTo < 0 ? -1 : cpuTo - cpuFrom,
                        streamsFrom < 0 || streamsTo < 0 ? -1 : streamsTo - streamsFrom);
            } finally {
                streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                streams.cleanUp();
            }
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /**
     * Waits until every partition of the topics has a leader that serves it: a leader in the metadata is not yet
     * one that accepts writes, so each partition's end offset is asked of it, which only the serving leader
     * answers. Producing before that floods the log with retried {@code NOT_LEADER_OR_FOLLOWER} warnings.
     */
    private void awaitLeaders(final Collection<String> names) {
        final long deadline = System.nanoTime() + settings.timeout().toNanos();
        try (Admin admin = Admin.create(clientProperties)) {
            while (true) {
                final Collection<TopicDescription> descriptions =
                        admin.describeTopics(names).allTopicNames().get().values();
                final boolean led = descriptions.stream().flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led && served(admin, descriptions)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The topics " + names + " have no leaders after "
                            + settings.timeout().toSeconds() + " s");
                }
                Thread.sleep(LEADER_POLL.toMillis());
            }
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Cannot describe the topics: " + e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the topics", e);
        }
    }

    /** Whether every partition's leader answers for its end offset; false while one is not yet serving it. */
    private static boolean served(final Admin admin, final Collection<TopicDescription> descriptions)
            throws InterruptedException {
        final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (final TopicDescription description : descriptions) {
            for (final TopicPartitionInfo partition : description.partitions()) {
                partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        try {
            admin.listOffsets(partitions).all().get();
            return true;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw new IllegalStateException("Cannot read the topics' offsets: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * The CPU time so far of the threads whose names hold a Kafka Streams application's id: its stream threads and
     * their producers' and consumers' network threads, alive through the timed window. -1 if the JVM does not tell.
     */
    private static long threadsCpuNanos(final String applicationId) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return -1;
        }
        long total = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(applicationId)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The CPU time of this process so far, or -1 if the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        final Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // The load generator is not what is measured. An idempotent producer whose batch timed out on a starved
        // machine resets its sequence numbers and the embedded broker refuses them until the delivery timeout;
        // one request in flight keeps the order without that.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Produces generated records, as fast as possible ({@code rate} 0) or paced at {@code rate} records per
     * second, and waits until all are acknowledged.
     *
     * @return the bytes of the values
     */
    private static long produce(final KafkaProducer<byte[], byte[]> producer, final BenchRecords generator,
            final TopicNames topics, final int count, final int rate) {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        final long start = System.nanoTime();
        for (int i = 0; i < count && failure.get() == null; i++) {
            if (rate > 0) {
                final long wait = start + (long) (i * (1e9 / rate)) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            final BenchRecords.Generated record = generator.next();
            bytes += record.value().length;
            producer.send(new ProducerRecord<>(topics.raw(record.kind()), record.value()), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Producing the benchmark records failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return bytes;
    }

    private Properties streamsProperties(final String name, final Path stateDir) {
        final Properties properties = new Properties();
        properties.putAll(streamsProperties);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "anonymizer-bench-" + name + "-" + UUID.randomUUID());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return properties;
    }

    /** Nearest-rank percentile of sorted values; 0 if there are none. */
    static long percentile(final long[] sorted, final double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        final int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("anonymizer-bench-state-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory", e);
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            // A leftover temporary directory is not worth failing a finished measurement for.
        }
    }

    /**
     * Reads the output topics, {@code read_committed}, on its own thread. Counts the records of the sanitized
     * topics and the quarantine (every raw record ends up in exactly one of them; the public tier may withhold
     * some by policy) and keeps the latencies of the public records produced since {@link #measureLatencyFrom}.
     */
    private final class OutputReader implements AutoCloseable {

        private final TopicNames topics;
        private final Set<String> publicTopics = new HashSet<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private final Object lock = new Object();
        private volatile boolean stopped;
        private volatile long latencyFromMillis = Long.MAX_VALUE;
        private long count; // guarded by lock
        private long countReachedAt; // guarded by lock
        private long target = Long.MAX_VALUE; // guarded by lock
        private long quarantined; // guarded by lock
        private long[] latencies = new long[1024]; // guarded by lock
        private int latencyCount; // guarded by lock
        private RuntimeException failure; // guarded by lock

        OutputReader(final TopicNames topics) {
            this.topics = topics;
            final Map<String, Object> properties = new HashMap<>(clientProperties);
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final List<TopicPartition> partitions = new ArrayList<>();
            final List<String> read = new ArrayList<>();
            for (final Tier tier : Tier.values()) {
                for (final RecordKind kind : RecordKind.values()) {
                    read.add(topics.output(tier, kind));
                }
            }
            read.add(topics.quarantine());
            for (final RecordKind kind : RecordKind.values()) {
                publicTopics.add(topics.output(Tier.PUBLIC, kind));
            }
            for (final String topic : read) {
                for (final PartitionInfo partition : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, partition.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.thread = new Thread(this::run, "bench-output-reader");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void measureLatencyFrom(final long epochMillis) {
            latencyFromMillis = epochMillis;
        }

        private void run() {
            try {
                while (!stopped) {
                    final ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                    final long nowMillis = System.currentTimeMillis();
                    final long nowNanos = System.nanoTime();
                    synchronized (lock) {
                        for (final ConsumerRecord<byte[], byte[]> record : polled) {
                            if (publicTopics.contains(record.topic())) {
                                if (record.timestamp() >= latencyFromMillis) {
                                    addLatency(nowMillis - record.timestamp());
                                }
                                continue;
                            }
                            if (record.topic().equals(topics.quarantine())) {
                                quarantined++;
                            }
                            count++;
                            if (count == target) {
                                countReachedAt = nowNanos;
                            }
                        }
                        lock.notifyAll();
                    }
                }
            } catch (final WakeupException e) {
                // close() ends the loop
            } catch (final RuntimeException e) {
                synchronized (lock) {
                    failure = e;
                    lock.notifyAll();
                }
            }
        }

        private void addLatency(final long millis) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = millis;
        }

        /**
         * Waits until {@code wanted} records have been read in total.
         *
         * @return {@link System#nanoTime()} when the poll that brought the last of them returned
         */
        long awaitCount(final long wanted, final Duration timeout, final KafkaStreams streams) {
            final long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                target = wanted;
                if (count >= wanted) {
                    return System.nanoTime();
                }
                while (countReachedAt == 0 || count < wanted) {
                    if (failure != null) {
                        throw new IllegalStateException("Reading the outputs failed: " + failure.getMessage(),
                                failure);
                    }
                    final KafkaStreams.State state = streams.state();
                    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                            || state == KafkaStreams.State.PENDING_ERROR) {
                        throw new IllegalStateException("The topology stopped: " + state);
                    }
                    final long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException("Only " + count + " of " + wanted
                                + " records came out within " + timeout.toSeconds() + " s");
                    }
                    try {
                        lock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for the outputs", e);
                    }
                }
                final long reached = countReachedAt;
                countReachedAt = 0;
                return reached;
            }
        }

        long[] latencies() {
            synchronized (lock) {
                final long[] sorted = Arrays.copyOf(latencies, latencyCount);
                Arrays.sort(sorted);
                return sorted;
            }
        }

        long quarantined() {
            synchronized (lock) {
                return quarantined;
            }
        }

        @Override
        public void close() {
            stopped = true;
            consumer.wakeup();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
