package org.operatefirst.anonymizer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.operatefirst.anonymizer.publisher.cli.AnonymizerCli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The ACLs of {@code deploy/} on a secured broker. A KRaft broker in a child JVM authenticates every client with
 * SASL/PLAIN and authorizes with the {@code StandardAuthorizer} (no ACL, no access); its users are the rendered
 * KafkaUsers of {@code deploy/overlays/openshift} ({@code kubectl kustomize}, parsed, not copied), their ACLs are
 * created from the same rendering, and its topics from the rendered KafkaTopics. The service runs as the
 * {@code anonymizer} user with canaries every two seconds: health stays UP through many canary cycles, and
 * canaries arrive in the sanitized tier (the default policy withholds them from the public one). Then every role tries to read every topic and to write raw and published ones:
 * the collector writes raw topics and reads nothing, operators read the sanitized tier only, researchers the
 * public tier only, auditors the quarantine only, and nobody but the anonymizer reads a raw topic.
 *
 * <p>Strimzi's users authenticate with TLS certificates (or SCRAM-SHA-512); the authorizer's decisions depend on
 * the principal name and the ACLs only, so PLAIN, which needs no credential set-up, proves the same rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclsAtRunTimeIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAclsAtRunTimeIT.class);
    private static final String ADMIN = "admin";
    private static final Duration CANARY_INTERVAL = Duration.ofSeconds(2);
    /** Canary cycles the service must stay healthy through. */
    private static final int CANARY_CYCLES = 10;
    /** How long an allowed read must poll without an authorization error. */
    private static final Duration ALLOWED_POLL = Duration.ofSeconds(3);
    private static final Path LOGS = Path.of("target", "acl-it");

    private final Map<String, List<AclBinding>> aclsByUser = new LinkedHashMap<>();
    private final List<String> topics = new ArrayList<>();
    private Process broker;
    private Process service;
    private String bootstrap;
    private int httpPort;

    @BeforeAll
    void startSecuredBrokerAndService() throws Exception {
        readRenderedDeploy();
        Files.createDirectories(LOGS);
        final int port = freePort();
        final int controllerPort = freePort();
        httpPort = freePort();
        bootstrap = "localhost:" + port;
        broker = startBroker(port, controllerPort);
        try (Admin admin = Admin.create(clientProperties(ADMIN))) {
            await("secured broker up").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1);
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
            admin.createAcls(aclsByUser.values().stream().flatMap(List::stream).toList()).all().get();
        }
        service = startService();
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (final Process process : new Process[] {service, broker}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    @Timeout(240)
    void theServiceStaysHealthyAndEveryRoleReadsAndWritesOnlyWhatItsAclsAllow() throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        await("service ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    assertAlive();
                    return get(http, "/health/readiness").statusCode() == 200;
                });
        final long until = System.nanoTime() + CANARY_INTERVAL.toNanos() * CANARY_CYCLES;
        while (System.nanoTime() < until) {
            assertAlive();
            for (final String path : List.of("/health", "/health/readiness", "/health/liveness")) {
                final HttpResponse<String> health = get(http, path);
                assertThat(health.statusCode()).as("%s: %s", path, health.body()).isEqualTo(200);
            }
            Thread.sleep(1000);
        }
        final String health = get(http, "/health").body();
        LOG.info("Health after {} canary cycles: {}", CANARY_CYCLES, health);
        // Empty lists of leaks and overdue tiers are left out of the JSON.
        assertThat(health).contains("\"alerting\":false", "\"last-sanitized\"")
                .doesNotContain("\"last-public\"", "\"leaks\"", "\"overdue\"", "\"injected\":0,");

        final Map<String, Set<String>> readable = readableTopics();
        LOG.info("Topics each user could read: {}", readable);
        final Set<String> raw = filter("raw.");
        assertThat(readable.get("anonymizer")).containsAll(raw).contains("identities", "consent",
                "learned-names", "sanitized.logs", "public.logs").doesNotContain("quarantine");
        assertThat(readable.get("collector")).isEmpty();
        assertThat(readable.get("operator")).isEqualTo(filter("sanitized."));
        assertThat(readable.get("researcher")).isEqualTo(filter("public."));
        assertThat(readable.get("auditor")).containsExactly("quarantine");
        readable.forEach((user, topicsRead) -> {
            if (!user.equals("anonymizer")) {
                assertThat(topicsRead).as("raw topics %s reads", user).doesNotContainAnyElementsOf(raw);
            }
        });

        assertThat(canWrite("collector", "raw.logs")).isTrue();
        assertThat(canWrite("collector", "sanitized.logs")).isFalse();
        assertThat(canWrite("collector", "public.logs")).isFalse();
        for (final String reader : List.of("operator", "researcher", "auditor")) {
            for (final String topic : List.of("raw.logs", "sanitized.logs", "public.logs", "quarantine")) {
                assertThat(canWrite(reader, topic)).as("%s writes %s", reader, topic).isFalse();
            }
        }
    }

    /** Every user's readable topics, each (user, topic) pair tried by a consumer of its own. */
    private Map<String, Set<String>> readableTopics() throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final Map<String, Map<String, Future<Boolean>>> tries = new LinkedHashMap<>();
            for (final String user : aclsByUser.keySet()) {
                final Map<String, Future<Boolean>> perTopic = new LinkedHashMap<>();
                for (final String topic : topics) {
                    perTopic.put(topic, pool.submit(() -> canRead(user, topic)));
                }
                tries.put(user, perTopic);
            }
            final Map<String, Set<String>> readable = new LinkedHashMap<>();
            for (final var entry : tries.entrySet()) {
                final Set<String> read = new TreeSet<>();
                for (final var attempt : entry.getValue().entrySet()) {
                    if (attempt.getValue().get()) {
                        read.add(attempt.getKey());
                    }
                }
                readable.put(entry.getKey(), read);
            }
            return readable;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads a topic from its start without a consumer group: false on an authorization error. */
    private boolean canRead(final String user, final String topic) {
        final Map<String, Object> properties = new HashMap<>(clientProperties(user));
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            final long until = System.nanoTime() + ALLOWED_POLL.toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200));
            }
            return true;
        } catch (final AuthorizationException e) {
            return false;
        }
    }

    private boolean canWrite(final String user, final String topic) throws InterruptedException {
        final Map<String, Object> properties = new HashMap<>(clientProperties(user));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "acl probe from example.org".getBytes(StandardCharsets.UTF_8)))
                    .get(15, TimeUnit.SECONDS);
            return true;
        } catch (final AuthorizationException e) {
            return false;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                return false;
            }
            throw new AssertionError(user + " writing " + topic, e.getCause());
        } catch (final java.util.concurrent.TimeoutException e) {
            throw new AssertionError(user + " writing " + topic + " timed out", e);
        }
    }

    private Set<String> filter(final String prefix) {
        final Set<String> matching = new TreeSet<>();
        topics.stream().filter(t -> t.startsWith(prefix)).forEach(matching::add);
        return matching;
    }

    /** The KafkaUsers' ACLs and the KafkaTopics' names, from {@code kubectl kustomize deploy/overlays/openshift}. */
    @SuppressWarnings("unchecked")
    private void readRenderedDeploy() throws IOException, InterruptedException {
        final Path overlay = deployDirectory().resolve("overlays/openshift");
        final Process kustomize = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final String rendered = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor()).as("kubectl kustomize %s", overlay).isZero();
        for (final Object document : new Yaml().loadAll(rendered)) {
            final Map<String, Object> resource = (Map<String, Object>) document;
            final Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
            final Map<String, Object> spec = (Map<String, Object>) resource.get("spec");
            final String name = (String) metadata.get("name");
            switch ((String) resource.get("kind")) {
                case "KafkaTopic" -> topics.add((String) spec.getOrDefault("topicName", name));
                case "KafkaUser" -> aclsByUser.put(name, acls(name, (Map<String, Object>) spec.get("authorization")));
                default -> { }
            }
        }
        assertThat(aclsByUser).containsKeys("collector", "anonymizer", "operator", "researcher", "auditor");
        assertThat(topics).contains("raw.logs", "sanitized.logs", "public.logs", "quarantine");
    }

    @SuppressWarnings("unchecked")
    private static List<AclBinding> acls(final String user, final Map<String, Object> authorization) {
        assertThat(authorization.get("type")).isEqualTo("simple");
        final List<AclBinding> bindings = new ArrayList<>();
        for (final Object item : (List<Object>) authorization.get("acls")) {
            final Map<String, Object> rule = (Map<String, Object>) item;
            final Map<String, Object> resource = (Map<String, Object>) rule.get("resource");
            final ResourceType type = ResourceType.valueOf(constant((String) resource.get("type")));
            final String name = type == ResourceType.CLUSTER ? "kafka-cluster" : (String) resource.get("name");
            // Strimzi's "prefix" is Kafka's PREFIXED.
            final String patternType = (String) resource.getOrDefault("patternType", "literal");
            final PatternType pattern = patternType.equals("prefix") ? PatternType.PREFIXED
                    : PatternType.valueOf(constant(patternType));
            final AclPermissionType permission = AclPermissionType.valueOf(
                    constant((String) rule.getOrDefault("type", "allow")));
            final String host = (String) rule.getOrDefault("host", "*");
            for (final Object operation : (List<Object>) rule.get("operations")) {
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(
                        "User:" + user, host, AclOperation.valueOf(constant((String) operation)), permission)));
            }
        }
        return bindings;
    }

    /** Strimzi's camel case ({@code transactionalId}, {@code DescribeConfigs}) as Kafka's enum constant. */
    private static String constant(final String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static Path deployDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/base"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
    }

    private static String password(final String user) {
        return user + "-password";
    }

    private static String jaas(final String user) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    private Map<String, Object> clientProperties(final String user) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, jaas(user),
                CommonClientConfigs.CLIENT_ID_CONFIG, user + "-" + UUID.randomUUID());
    }

    private Process startBroker(final int port, final int controllerPort) throws IOException, InterruptedException {
        final Path dir = Files.createTempDirectory("acl-broker-");
        final StringBuilder users = new StringBuilder();
        for (final String user : aclsByUser.keySet()) {
            users.append(" user_").append(user).append("=\"").append(password(user)).append('"');
        }
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
        config.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + password(ADMIN) + "\" user_" + ADMIN + "=\"" + password(ADMIN) + "\""
                        + users + ";");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The broker itself, and the controller listener, which is bound to localhost and used by the broker only.
        config.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("log.dirs", dir.resolve("data").toString());
        config.put("auto.create.topics.enable", "false");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        final Path properties = dir.resolve("server.properties");
        final StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append('=')
                .append(value.replace("\\", "\\\\")).append('\n'));
        Files.writeString(properties, text);

        final Process format = new ProcessBuilder(javaCommand("kafka.tools.StorageTool", "format",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", properties.toString()))
                .redirectErrorStream(true).redirectOutput(LOGS.resolve("format.log").toFile()).start();
        assertThat(format.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(format.exitValue()).as("kafka-storage format, see %s", LOGS.resolve("format.log")).isZero();
        return new ProcessBuilder(javaCommand("kafka.Kafka", properties.toString())).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("broker.log").toFile()).start();
    }

    private Process startService() throws IOException {
        final Path secret = Files.createTempFile("acl-secret-", ".key");
        final byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(secret, bytes);
        final List<String> command = javaCommand(AnonymizerCli.class.getName(), "serve");
        command.addAll(1, List.of(
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dkafka.security.protocol=SASL_PLAINTEXT",
                "-Dkafka.sasl.mechanism=PLAIN",
                "-Dkafka.sasl.jaas.config=" + jaas("anonymizer"),
                "-Danonymizer.embedded-broker.mode=never",
                "-Danonymizer.keys.secret-file=" + secret,
                "-Danonymizer.ingest.enabled=false",
                "-Danonymizer.canary.interval=" + CANARY_INTERVAL.toMillis() + "ms",
                "-Danonymizer.canary.overdue=15s",
                // As deploy/base/config/anonymizer.yml: the instances share learned names through their topic.
                "-Danonymizer.learned-names.topic=learned-names",
                "-Dkafka.streams.publisher.state.dir=" + Files.createTempDirectory("acl-state-"),
                "-Dkafka.streams.publisher.commit.interval.ms=500",
                "-Dmicronaut.server.port=" + httpPort));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("service.log").toFile()).start();
    }

    private static List<String> javaCommand(final String mainClass, final String... arguments) {
        final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private HttpResponse<String> get(final HttpClient http, final String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertAlive() {
        if (!broker.isAlive()) {
            throw new AssertionError("broker exited; see " + LOGS.resolve("broker.log").toAbsolutePath());
        }
        if (!service.isAlive()) {
            throw new AssertionError("service exited with " + service.exitValue() + "; see "
                    + LOGS.resolve("service.log").toAbsolutePath());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
