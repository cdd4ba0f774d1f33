package org.operatefirst.anonymizer.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker ({@code kafka.Kafka}, broker and controller) in a child JVM of its own, so
 * that what a test does to the service's processes cannot touch the broker, as with a cluster: its storage is
 * formatted with {@code kafka.tools.StorageTool} and it is started from a generated {@code server.properties},
 * both with the test's class path (Kafka 4.3.1). Its log goes to {@code <directory>/broker.log}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);
    private static final Duration READY = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(final Process process, final String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats a data directory and starts a broker on free ports, then waits until an admin client sees it.
     *
     * @param directory an empty directory, where the broker keeps its configuration, data and log
     * @return the running broker; the caller must {@link #close()} it
     * @throws IOException          if a file cannot be written or a process not started
     * @throws InterruptedException if interrupted while the storage is formatted
     */
    public static KafkaBrokerProcess start(final Path directory) throws IOException, InterruptedException {
        final long started = System.nanoTime();
        Files.createDirectories(directory);
        final int port = freePort();
        final int controllerPort = freePort();
        final Path properties = directory.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=4194304",
                "auto.create.topics.enable=false",
                ""));
        final Path log = directory.resolve("broker.log");
        final Process format = java(List.of("kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", properties.toString()), directory.resolve("format.log"));
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("kafka-storage format failed: see " + directory.resolve("format.log"));
        }
        final Process broker = java(List.of("kafka.Kafka", properties.toString()), log);
        final String bootstrap = "localhost:" + port;
        final KafkaBrokerProcess running = new KafkaBrokerProcess(broker, bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("the broker in its own JVM is ready").atMost(READY).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        if (!broker.isAlive()) {
                            throw new IllegalStateException("the broker exited: see " + log);
                        }
                        return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                    });
        } catch (final RuntimeException e) {
            running.close();
            throw e;
        }
        LOG.info("Kafka broker in its own JVM (pid {}) ready at {} in {} ms", broker.pid(), bootstrap,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return running;
    }

    /** {@return the {@code bootstrap.servers} value for clients} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates topics and waits until the broker has created them.
     *
     * @param topics     the names
     * @param partitions partitions of each
     */
    public void createTopics(final Collection<String> topics, final int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("Cannot create topics " + topics, e);
        }
    }

    /** Stops the broker cleanly, forcibly after 30 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Process java(final List<String> arguments, final Path log) throws IOException {
        final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path")));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
