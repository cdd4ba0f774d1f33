package org.operatefirst.anonymizer.publisher.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running inside this JVM: one KRaft process that is both controller and broker,
 * with its data in one directory.
 *
 * <p>{@link #start(Settings)} formats the data directory on first use (a new cluster id, written once to
 * {@code meta.properties}) and reuses it afterwards, so a broker restarted on the same directory keeps its
 * topics, records, committed offsets and cluster id. It returns once a client can see the broker in the cluster
 * metadata. The broker is configured for one node: internal topics have one replica and
 * {@code transaction.state.log.min.isr} is 1, so transactions and Kafka Streams {@code exactly_once_v2} work.
 * Topics are not created automatically: whoever uses a topic creates it.
 *
 * <p><b>Fatal faults.</b> On some fatal errors (a failed log directory, a corrupt metadata log, a dead request
 * handler) Kafka ends its own process through {@link Exit#halt} or {@link Exit#exit}. Inside a service that
 * would kill the whole service. While at least one embedded broker runs, this class replaces both procedures:
 * instead of ending the JVM they log the request, shut every running embedded broker down on a separate thread
 * and throw an {@link IllegalStateException} in the Kafka thread that asked. {@link #isRunning()} then turns
 * false and clients see the broker disappear. The residual risks:
 * <ul>
 *   <li>the procedures are global to the JVM: while a broker runs, any other in-process caller of
 *       {@code Exit.exit}/{@code Exit.halt} (Kafka's command-line tools, for one) is stopped the same way, and
 *       when the last broker closes they are reset to Kafka's defaults, dropping any procedure set before;</li>
 *   <li>code that sets its own procedures while a broker runs removes this protection;</li>
 *   <li>a fault cannot be traced to the broker it came from, so it stops every embedded broker in the JVM;</li>
 *   <li>Kafka's own state after such a fault is undefined until the broker is closed; errors that no handler
 *       sees (an {@link OutOfMemoryError} in a shared heap, a native crash) still take the JVM down.</li>
 * </ul>
 * Where this matters more than start-up time and memory, run the broker as a separate process instead.
 *
 * <p>Instances are thread-safe. {@link #close()} is idempotent and waits until the broker has stopped.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The host the broker listens on, and advertises, unless {@link Settings#host()} says otherwise. */
    public static final String DEFAULT_HOST = "localhost";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The file Kafka's log manager locks in each log directory while a broker uses it. */
    private static final String LOCK_FILE_NAME = ".lock";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(100);
    /** Attempts when a port this class picked was taken by someone else before the broker bound it. */
    private static final int PICKED_PORT_ATTEMPTS = 3;

    /** Keys this class sets from {@link Settings} and the single-node layout; extra properties may not set them. */
    private static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles", "node.id", "broker.id",
            "listeners", "advertised.listeners", "listener.security.protocol.map",
            "controller.listener.names", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final String clusterId;
    private volatile boolean running = true;
    private boolean closed; // guarded by this

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDirectory,
                                String clusterId) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
        this.clusterId = clusterId;
    }

    /**
     * Starts a broker and waits until it is ready: formats {@link Settings#dataDirectory()} if it holds no
     * cluster yet, starts the controller and broker, and waits until an admin client sees the broker.
     *
     * @param settings where to listen and where to keep data
     * @return the running broker; the caller must {@link #close()} it
     * @throws IllegalStateException if a requested port is in use, the data directory belongs to another node,
     *                               cannot be formatted or is locked by another broker, or the broker is not ready
     *                               within 60 seconds
     * @throws UncheckedIOException  if the data directory cannot be created or read
     */
    public static EmbeddedKafkaBroker start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        final long startNanos = System.nanoTime();
        final Path dataDirectory = settings.dataDirectory().toAbsolutePath().normalize();
        requireUnlocked(dataDirectory);
        final String clusterId = formatIfNeeded(dataDirectory);
        for (int attempt = 1; ; attempt++) {
            final int port = settings.port() == 0
                    ? pickFreePort(settings.host(), settings.controllerPort())
                    : requireFreePort(settings.host(), settings.port(), "broker");
            final int controllerPort = settings.controllerPort() == 0
                    ? pickFreePort(settings.host(), port)
                    : requireFreePort(settings.host(), settings.controllerPort(), "controller");
            try {
                final EmbeddedKafkaBroker broker =
                        launch(settings, port, controllerPort, dataDirectory, clusterId);
                LOG.info("Embedded Kafka broker ready at {} in {} ms (cluster {}, data in {})",
                        broker.bootstrapServers, Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                        clusterId, dataDirectory);
                return broker;
            } catch (PortTakenException e) {
                // Requested ports were free a moment ago, so the lost port is most likely a picked one.
                final boolean picked = settings.port() == 0 || settings.controllerPort() == 0;
                if (!picked || attempt == PICKED_PORT_ATTEMPTS) {
                    throw new IllegalStateException("Embedded Kafka broker could not bind " + settings.host()
                            + " ports " + port + " (broker) and " + controllerPort + " (controller): "
                            + "a port is already in use", e.getCause());
                }
                LOG.info("A picked port was taken before the broker bound it; trying other ports");
            }
        }
    }

    /** {@return the {@code bootstrap.servers} value for clients of this broker, for example {@code localhost:41234}} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@return the absolute directory that holds this broker's metadata and logs} */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@return the cluster id, generated when the data directory was formatted and kept across restarts} */
    public String clusterId() {
        return clusterId;
    }

    /** {@return whether the broker still runs: false once {@link #close()} began or a fatal fault stopped it} */
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops the broker and waits until it has stopped. Data stays in {@link #dataDirectory()}. Calling it again,
     * or from several threads, is harmless: later calls wait for the first and return.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        running = false;
        final long stopNanos = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            closed = true;
            ExitGuard.release(this);
        }
        LOG.info("Embedded Kafka broker at {} stopped in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - stopNanos).toMillis());
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers + ", cluster " + clusterId + ", " + dataDirectory + "]";
    }

    private static EmbeddedKafkaBroker launch(Settings settings, int port, int controllerPort, Path dataDirectory,
                                              String clusterId) throws PortTakenException {
        final KafkaConfig config = KafkaConfig.fromProps(
                brokerProperties(settings, port, controllerPort, dataDirectory), false);
        final String bootstrapServers = settings.host() + ":" + port;
        final KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Embedded Kafka broker could not open " + dataDirectory + ": "
                    + e.getMessage(), e);
        }
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrapServers, dataDirectory,
                clusterId);
        ExitGuard.hold(broker);
        try {
            server.startup();
        } catch (RuntimeException e) {
            closeAfterFailedStart(broker, e);
            if (causedByBindFailure(e)) {
                throw new PortTakenException(e);
            }
            throw new IllegalStateException("Embedded Kafka broker at " + bootstrapServers + " failed to start: "
                    + e.getMessage(), e);
        }
        try {
            awaitReady(bootstrapServers);
        } catch (RuntimeException e) {
            closeAfterFailedStart(broker, e);
            throw e;
        }
        return broker;
    }

    private static void closeAfterFailedStart(EmbeddedKafkaBroker broker, RuntimeException failure) {
        try {
            broker.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The broker configuration. Extra properties from the settings come after the defaults, so they may change
     * any default; the listener, quorum and directory keys are always this class's.
     */
    static Properties brokerProperties(Settings settings, int port, int controllerPort, Path dataDirectory) {
        final Map<String, String> values = new LinkedHashMap<>();
        // One node: every internal topic gets one replica, and transactions need only that replica in sync.
        values.put("offsets.topic.replication.factor", "1");
        values.put("transaction.state.log.replication.factor", "1");
        values.put("transaction.state.log.min.isr", "1");
        values.put("share.coordinator.state.topic.replication.factor", "1");
        values.put("share.coordinator.state.topic.min.isr", "1");
        values.put("default.replication.factor", "1");
        values.put("min.insync.replicas", "1");
        // 50 partitions per internal topic buy nothing on one node and slow the first group join and every start.
        values.put("offsets.topic.num.partitions", "5");
        values.put("transaction.state.log.num.partitions", "5");
        values.put("share.coordinator.state.topic.num.partitions", "5");
        // Nobody else is joining: a new consumer group need not wait 3 s for more members.
        values.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates this buffer on the heap up front; the 128 MiB default dwarfs a small service.
        values.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        values.put("num.network.threads", "2");
        values.put("num.io.threads", "4");
        values.put("background.threads", "4");
        // The service creates its topics with the partitions and configs it wants; a typo must not create one.
        values.put("auto.create.topics.enable", "false");
        values.putAll(settings.brokerProperties());

        values.put("process.roles", "broker,controller");
        values.put("node.id", Integer.toString(NODE_ID));
        values.put("controller.quorum.voters", NODE_ID + "@" + settings.host() + ":" + controllerPort);
        values.put("controller.listener.names", CONTROLLER_LISTENER);
        values.put("inter.broker.listener.name", BROKER_LISTENER);
        values.put("listeners", BROKER_LISTENER + "://" + settings.host() + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + settings.host() + ":" + controllerPort);
        values.put("advertised.listeners", BROKER_LISTENER + "://" + settings.host() + ":" + port);
        values.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        values.put("log.dirs", dataDirectory.toString());

        final Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    /**
     * Fails if another broker holds the directory's lock. Kafka checks this too, but only when the broker part
     * starts, after the controller part has already opened the metadata log that the other broker is writing.
     */
    private static void requireUnlocked(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            try (FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE_NAME),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    throw new IllegalStateException(inUse(dataDirectory, "another process"));
                }
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException(inUse(dataDirectory, "this JVM"), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded Kafka broker cannot prepare " + dataDirectory, e);
        }
    }

    private static String inUse(Path dataDirectory, String where) {
        return "Embedded Kafka broker cannot use " + dataDirectory + ": a Kafka broker in " + where
                + " is using it";
    }

    /** Returns the directory's cluster id, formatting the directory with a new one first if it has none. */
    private static String formatIfNeeded(Path dataDirectory) {
        try {
            final MetaPropertiesEnsemble existing = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(dataDirectory.toString()))
                    .addMetadataLogDir(dataDirectory.toString())
                    .load();
            if (!existing.errorLogDirs().isEmpty()) {
                throw new IllegalStateException("Embedded Kafka broker cannot read " + dataDirectory.resolve(
                        MetaPropertiesEnsemble.META_PROPERTIES_NAME));
            }
            if (existing.clusterId().isPresent()) {
                if (existing.nodeId().isPresent() && existing.nodeId().getAsInt() != NODE_ID) {
                    throw new IllegalStateException("Embedded Kafka broker cannot use " + dataDirectory
                            + ": it was formatted for node " + existing.nodeId().getAsInt() + ", not " + NODE_ID);
                }
                return existing.clusterId().get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded Kafka broker cannot prepare " + dataDirectory, e);
        }

        final String clusterId = Uuid.randomUuid().toString();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDirectory.toString())
                    .addDirectory(dataDirectory.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka broker could not format " + dataDirectory + ": "
                    + e.getMessage(), e);
        }
        output.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                .forEach(line -> LOG.debug("{}", line));
        LOG.info("Formatted {} for new cluster {}", dataDirectory, clusterId);
        return clusterId;
    }

    /** Waits until the broker answers and lists itself as a live node (it is unfenced). */
    private static void awaitReady(String bootstrapServers) {
        final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        final Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    final long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    final int timeoutMs = (int) Math.min(remainingMs, 10_000);
                    final var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                            .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
                    if (nodes.stream().mapToInt(Node::id).anyMatch(id -> id == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(READY_POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker at "
                    + bootstrapServers, e);
        }
        throw new IllegalStateException("Embedded Kafka broker at " + bootstrapServers + " was not ready within "
                + STARTUP_TIMEOUT.toSeconds() + " s", last);
    }

    private static int requireFreePort(String host, int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address(host), port));
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " on " + host + ", requested for the embedded Kafka "
                    + role + ", is already in use", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check port " + port + " on " + host, e);
        }
        return port;
    }

    /** A port that is free now; the broker binds it a moment later, and {@link #start} retries if it lost it. */
    private static int pickFreePort(String host, int except) {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, address(host))) {
                if (socket.getLocalPort() != except) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port on " + host, e);
            }
        }
        throw new IllegalStateException("Cannot find a second free port on " + host);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host for the embedded Kafka broker: " + host, e);
        }
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** A bind failure at start-up, which {@link #start} may retry on other picked ports. */
    private static final class PortTakenException extends Exception {
        private static final long serialVersionUID = 1L;

        PortTakenException(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Replaces Kafka's exit and halt procedures while at least one embedded broker runs; see the class Javadoc.
     */
    private static final class ExitGuard {
        private static final Set<EmbeddedKafkaBroker> HOLDERS = new CopyOnWriteArraySet<>();

        private ExitGuard() {
        }

        static synchronized void hold(EmbeddedKafkaBroker broker) {
            if (HOLDERS.isEmpty()) {
                Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
                Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
            }
            HOLDERS.add(broker);
        }

        static synchronized void release(EmbeddedKafkaBroker broker) {
            if (HOLDERS.remove(broker) && HOLDERS.isEmpty()) {
                Exit.resetExitProcedure();
                Exit.resetHaltProcedure();
            }
        }

        private static void refuse(String action, int status, String message) {
            LOG.error("Kafka asked to {} the JVM (status {}{}); stopping the embedded Kafka broker(s) instead",
                    action, status, message == null ? "" : ", " + message);
            for (EmbeddedKafkaBroker broker : HOLDERS) {
                broker.running = false;
                Thread.ofPlatform().daemon().name("embedded-kafka-fatal-stop").start(() -> {
                    try {
                        broker.close();
                    } catch (RuntimeException e) {
                        LOG.error("Stopping the embedded Kafka broker at {} after a fatal fault failed",
                                broker.bootstrapServers, e);
                    }
                });
            }
            throw new IllegalStateException("Kafka asked to " + action + " the JVM (status " + status + ")"
                    + (message == null ? "" : ": " + message) + "; the embedded broker is being stopped instead");
        }
    }

    /**
     * Where the broker listens and keeps its data.
     *
     * @param host             the host name or address to listen on and advertise to clients
     *                         (default {@value EmbeddedKafkaBroker#DEFAULT_HOST})
     * @param port             the client port; 0 picks a free one
     * @param controllerPort   the KRaft controller port; 0 picks a free one
     * @param dataDirectory    the directory for metadata and logs; created and formatted if it holds no cluster
     * @param brokerProperties extra broker properties, applied over this class's defaults; they may not set the
     *                         listener, quorum, node or directory keys, which follow from the other settings
     */
    public record Settings(String host, int port, int controllerPort, Path dataDirectory,
                           Map<String, String> brokerProperties) {

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException naming the bad setting
         */
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(brokerProperties, "brokerProperties");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            requirePort("port", port);
            requirePort("controllerPort", controllerPort);
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
            }
            for (String key : brokerProperties.keySet()) {
                if (MANAGED_KEYS.contains(key)) {
                    throw new IllegalArgumentException("brokerProperties must not set " + key
                            + ": the embedded broker derives it from host, ports and dataDirectory");
                }
            }
            brokerProperties = Map.copyOf(brokerProperties);
        }

        /**
         * Settings for a broker on {@value EmbeddedKafkaBroker#DEFAULT_HOST} with free ports, data in
         * {@code dataDirectory} and no extra properties.
         *
         * @param dataDirectory the directory for metadata and logs
         * @return the settings
         */
        public static Settings of(Path dataDirectory) {
            return new Settings(DEFAULT_HOST, 0, 0, dataDirectory, Map.of());
        }

        /**
         * Returns a copy with another host.
         *
         * @param newHost the host to listen on
         * @return these settings with another host
         */
        public Settings withHost(String newHost) {
            return new Settings(newHost, port, controllerPort, dataDirectory, brokerProperties);
        }

        /**
         * Returns a copy with another client port.
         *
         * @param newPort the client port, 0 for a free one
         * @return these settings with another client port
         */
        public Settings withPort(int newPort) {
            return new Settings(host, newPort, controllerPort, dataDirectory, brokerProperties);
        }

        /**
         * Returns a copy with another controller port.
         *
         * @param newControllerPort the controller port, 0 for a free one
         * @return these settings with another controller port
         */
        public Settings withControllerPort(int newControllerPort) {
            return new Settings(host, port, newControllerPort, dataDirectory, brokerProperties);
        }

        /**
         * Returns a copy with other extra broker properties.
         *
         * @param newBrokerProperties the extra broker properties, replacing the current ones
         * @return these settings with other extra broker properties
         */
        public Settings withBrokerProperties(Map<String, String> newBrokerProperties) {
            return new Settings(host, port, controllerPort, dataDirectory, newBrokerProperties);
        }

        private static void requirePort(String name, int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, not " + value);
            }
        }
    }
}
