package org.operatefirst.anonymizer.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.operatefirst.anonymizer.publisher.broker.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives tests a real Kafka broker, one per JVM: a Testcontainers Kafka container when a Docker engine is
 * available, the {@link EmbeddedKafkaBroker} otherwise.
 *
 * <p>Register it with {@code @ExtendWith(KafkaBrokerExtension.class)} and take a {@link KafkaBroker} as a
 * constructor or method parameter. Code that has no {@link ExtensionContext}, such as a Micronaut
 * {@code TestPropertyProvider}, can call {@link #broker()} instead. Either way the broker starts on first use
 * and is shared by every test in the JVM, so tests keep to their own topics ({@link KafkaBroker#createTopic})
 * and their own consumer group and application ids ({@link KafkaBroker#uniqueName}).
 *
 * <p>The broker stops when the test run ends: JUnit closes it with the root {@link ExtensionContext.Store}.
 * Should only {@link #broker()} have been used, a JVM shutdown hook stops it. An embedded broker's temporary
 * data directory is deleted then.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@value #SELECTION_PROPERTY}: {@code embedded} or {@code container} forces the kind; unset, a container
 *       is used if Docker is available;</li>
 *   <li>{@value #IMAGE_PROPERTY}: the container image, by default {@value #DEFAULT_IMAGE}; it must be an
 *       {@code apache/kafka} image or a copy of one.</li>
 * </ul>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    /** System property that forces the broker kind: {@code embedded} or {@code container}. */
    public static final String SELECTION_PROPERTY = "anonymizer.test.broker";

    /** System property naming the Kafka container image. */
    public static final String IMAGE_PROPERTY = "anonymizer.test.kafka.image";

    /** The container image used unless {@value #IMAGE_PROPERTY} names another: the Kafka version we build on. */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    private static final Object LOCK = new Object();
    private static SharedBroker shared; // guarded by LOCK
    private static RuntimeException startFailure; // guarded by LOCK

    /** Created by JUnit for {@code @ExtendWith(KafkaBrokerExtension.class)}; the state it serves is per JVM. */
    public KafkaBrokerExtension() {
        // nothing to set up: the broker starts on first use
    }

    /**
     * Starts the shared broker, if it is not running yet, and returns it.
     *
     * @return the broker shared by every test in this JVM
     * @throws IllegalStateException if the broker cannot start; later calls fail the same way without retrying
     */
    public static KafkaBroker broker() {
        synchronized (LOCK) {
            if (startFailure != null) {
                throw new IllegalStateException("The Kafka broker for tests failed to start earlier", startFailure);
            }
            if (shared == null || shared.isClosed()) {
                try {
                    shared = SharedBroker.start();
                } catch (RuntimeException e) {
                    startFailure = e;
                    throw e;
                }
                final SharedBroker started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-broker-extension-stop"));
            }
            return shared;
        }
    }

    /** Starts the broker before the test class, so its start-up time is not charged to the first test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker(extensionContext);
    }

    private static KafkaBroker broker(ExtensionContext context) {
        // The root store lives as long as the test run; JUnit closes the AutoCloseable values in it at the end.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StopAtEnd.class, key -> new StopAtEnd(broker()), StopAtEnd.class)
                .broker();
    }

    /** What kind of broker the tests run against. */
    public enum Kind {
        /** An {@link EmbeddedKafkaBroker} in the test JVM. */
        EMBEDDED,
        /** A Testcontainers {@link KafkaContainer}. */
        CONTAINER
    }

    /** A running Kafka broker shared by the tests of one JVM. */
    public sealed interface KafkaBroker permits SharedBroker {

        /** {@return the kind of broker} */
        Kind kind();

        /** {@return the {@code bootstrap.servers} value for clients} */
        String bootstrapServers();

        /**
         * A name no other call in this JVM returns: for topics, consumer groups and Kafka Streams application ids.
         *
         * @param prefix what the name starts with; letters, digits, {@code .}, {@code _} and {@code -} only
         * @return {@code prefix} followed by a unique suffix
         */
        String uniqueName(String prefix);

        /**
         * Creates a topic with one partition and a {@link #uniqueName unique name}, and waits until it has a leader.
         *
         * @param prefix what the topic name starts with
         * @return the topic name
         */
        default String createTopic(String prefix) {
            return createTopic(prefix, 1);
        }

        /**
         * Creates a topic with a {@link #uniqueName unique name} and waits until every partition has a leader.
         *
         * @param prefix     what the topic name starts with
         * @param partitions the number of partitions
         * @return the topic name
         */
        default String createTopic(String prefix, int partitions) {
            final String topic = uniqueName(prefix);
            createTopics(List.of(topic), partitions);
            return topic;
        }

        /**
         * Creates topics with exactly these names, unless they exist, and waits until every partition has a leader.
         *
         * @param topics     the topic names
         * @param partitions the number of partitions of each topic that does not exist yet
         */
        void createTopics(Collection<String> topics, int partitions);
    }

    /** The value kept in the root store: closing it stops the broker at the end of the test run. */
    private record StopAtEnd(KafkaBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            ((SharedBroker) broker).close();
        }
    }

    /** The one implementation of {@link KafkaBroker}: a started broker, its admin client and how to stop it. */
    private static final class SharedBroker implements KafkaBroker {

        private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,200}");
        private static final AtomicLong SEQUENCE = new AtomicLong();
        private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

        /** Differs between JVMs, in case a broker outlives one (a reused container). */
        private static final String RUN_ID =
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

        private final Kind kind;
        private final String bootstrapServers;
        private final AutoCloseable stopper;
        private Admin admin; // guarded by this
        private boolean closed; // guarded by this

        private SharedBroker(Kind kind, String bootstrapServers, AutoCloseable stopper) {
            this.kind = kind;
            this.bootstrapServers = bootstrapServers;
            this.stopper = stopper;
        }

        static SharedBroker start() {
            final String forced = System.getProperty(SELECTION_PROPERTY, "").strip().toLowerCase(Locale.ROOT);
            final long startNanos = System.nanoTime();
            final SharedBroker broker;
            final String reason;
            switch (forced) {
                case "" -> {
                    final boolean docker = DockerClientFactory.instance().isDockerAvailable();
                    broker = docker ? startContainer() : startEmbedded();
                    reason = docker ? "Docker is available" : "no Docker engine found";
                }
                case "embedded" -> {
                    broker = startEmbedded();
                    reason = SELECTION_PROPERTY + "=embedded";
                }
                case "container" -> {
                    if (!DockerClientFactory.instance().isDockerAvailable()) {
                        throw new IllegalStateException(SELECTION_PROPERTY + "=container, but no Docker engine "
                                + "is available");
                    }
                    broker = startContainer();
                    reason = SELECTION_PROPERTY + "=container";
                }
                default -> throw new IllegalArgumentException(SELECTION_PROPERTY + " must be embedded or container, "
                        + "not '" + forced + "'");
            }
            LOG.info("Kafka broker for tests: {} at {} ({}), started in {} ms", broker.kind, broker.bootstrapServers,
                    reason, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            return broker;
        }

        private static SharedBroker startEmbedded() {
            final Path directory;
            try {
                directory = Files.createTempDirectory("anonymizer-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a data directory for the embedded Kafka broker", e);
            }
            final EmbeddedKafkaBroker embedded;
            try {
                embedded = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Settings.of(directory));
            } catch (RuntimeException e) {
                deleteQuietly(directory);
                throw e;
            }
            return new SharedBroker(Kind.EMBEDDED, embedded.bootstrapServers(), () -> {
                try {
                    embedded.close();
                } finally {
                    deleteQuietly(directory);
                }
            });
        }

        @SuppressWarnings("resource") // stopped by the returned broker's close()
        private static SharedBroker startContainer() {
            final String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
            final KafkaContainer container = new KafkaContainer(
                    DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
                    // Behave like the embedded broker: topics exist only when a test creates them.
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
            container.start();
            return new SharedBroker(Kind.CONTAINER, container.getBootstrapServers(), container::stop);
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public String uniqueName(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!NAME_PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("A name prefix has 1 to 200 letters, digits, '.', '_' or '-': '"
                        + prefix + "'");
            }
            return prefix + "-" + RUN_ID + "-" + SEQUENCE.incrementAndGet();
        }

        @Override
        public void createTopics(Collection<String> topics, int partitions) {
            final List<NewTopic> newTopics = topics.stream()
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList();
            final Admin client = admin();
            final Map<String, KafkaFuture<Void>> results = client.createTopics(newTopics).values();
            results.forEach((topic, result) -> {
                try {
                    result.get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    // An earlier attempt, or another test asking for the same fixed name, created it first.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Creating topic " + topic + " took over "
                            + TOPIC_TIMEOUT.toSeconds() + " s", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while creating topic " + topic, e);
                }
            });
            // Created means the controller knows the topic; clients need the broker to lead every partition.
            await("leaders for " + topics).atMost(TOPIC_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> allPartitionsLed(client.describeTopics(topics).allTopicNames().get().values()));
        }

        private static boolean allPartitionsLed(Collection<TopicDescription> descriptions) {
            return descriptions.stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        }

        private synchronized Admin admin() {
            if (closed) {
                throw new IllegalStateException("The Kafka broker for tests is stopped");
            }
            if (admin == null) {
                admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.CLIENT_ID_CONFIG, "kafka-broker-extension"));
            }
            return admin;
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            try {
                stopper.close();
                LOG.info("Kafka broker for tests at {} stopped", bootstrapServers);
            } catch (Exception e) {
                LOG.warn("Stopping the Kafka broker for tests at {} failed", bootstrapServers, e);
            }
        }

        @Override
        public String toString() {
            return kind + " Kafka broker at " + bootstrapServers;
        }

        private static void deleteQuietly(Path directory) {
            try {
                Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                LOG.warn("Cannot delete the embedded Kafka broker's data directory {}", directory, e);
            }
        }
    }
}
