package org.operatefirst.anonymizer.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.PublisherTopology;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.publisher.topology.TopologySettings;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Collectors that write into the raw topics themselves, without the HTTP receivers: Debian's {@code kcat}
 * (librdkafka, the client most of them are built on) produces records exactly as Vector, Fluent Bit, OpenShift
 * Logging, rsyslog {@code omkafka} and a Prometheus scrape put them into Kafka, to a service configured with
 * the decoder of that collector ({@code anonymizer.decoders.<kind>}), and reads every topic back with
 * {@code kcat -C}. The raw topic holds the records as produced; the sanitized and public topics hold each
 * record scrubbed, with no raw identifier left in any encoding, still JSON where it was JSON; workload data
 * (a namespace that is not the platform's) stays out of the public topic.
 *
 * <p>Each collector gets its own service and topics, since a raw topic holds one collector's format.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CollectorsWritingToKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PUBLIC_EPOCH = 2031;

    /** The fictional person behind every record, in the forms collectors carry them in. */
    private static final List<String> IDENTITIES = List.of("jdoe@example.org", "jdoe-40example-2eorg",
            "192.0.2.7", "192.0.2.21", "198.51.100.23", "203.0.113.9", "2001:db8::7");

    // Vector kubernetes_logs source, kafka sink with codec json.
    private static final String VECTOR_PLATFORM = "{\"file\":\"/var/log/pods/openshift-authentication_oauth-"
            + "openshift-6d4b9c7f5-k2x8q_5b2f0c5e-0d7a-4a43-9a57-2f1e4c3b6a10/oauth-openshift/0.log\","
            + "\"kubernetes\":{\"container_id\":\"cri-o://3f9a1c2b7d\",\"container_image\":"
            + "\"quay.io/openshift/origin-oauth-server:4.7\",\"container_name\":\"oauth-openshift\","
            + "\"namespace_labels\":{\"kubernetes.io/metadata.name\":\"openshift-authentication\"},"
            + "\"pod_ip\":\"192.0.2.21\",\"pod_ips\":[\"192.0.2.21\"],\"pod_labels\":{\"app\":\"oauth-openshift\"},"
            + "\"pod_name\":\"oauth-openshift-6d4b9c7f5-k2x8q\",\"pod_namespace\":\"openshift-authentication\","
            + "\"pod_node_name\":\"master-0\",\"pod_owner\":\"ReplicaSet/oauth-openshift-6d4b9c7f5\","
            + "\"pod_uid\":\"5b2f0c5e-0d7a-4a43-9a57-2f1e4c3b6a10\"},\"message\":\"I0505 10:02:41.998123 1 "
            + "login.go:177] Login with provider \\\"github\\\" succeeded for \\\"jdoe@example.org\\\" from "
            + "192.0.2.7\",\"source_type\":\"kubernetes_logs\",\"stream\":\"stderr\","
            + "\"timestamp\":\"2021-05-05T10:02:41.998123Z\"}";
    private static final String VECTOR_WORKLOAD = "{\"file\":\"/var/log/pods/jupyterhub_jupyterhub-nb-jdoe-"
            + "40example-2eorg_7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f/notebook/0.log\",\"kubernetes\":{"
            + "\"container_name\":\"notebook\",\"pod_ip\":\"198.51.100.23\",\"pod_labels\":{\"app\":\"jupyterhub\","
            + "\"component\":\"singleuser-server\",\"hub.jupyter.org/username\":\"jdoe-40example-2eorg\"},"
            + "\"pod_name\":\"jupyterhub-nb-jdoe-40example-2eorg\",\"pod_namespace\":\"jupyterhub\","
            + "\"pod_node_name\":\"worker-1\"},\"message\":\"[I 2021-05-05 10:03:12.101 SingleUserNotebookApp "
            + "log:189] 302 GET /user/jdoe@example.org/ -> /user/jdoe@example.org/lab (jdoe@example.org@"
            + "::ffff:192.0.2.7) 1.02ms\",\"source_type\":\"kubernetes_logs\",\"stream\":\"stderr\","
            + "\"timestamp\":\"2021-05-05T10:03:12.101442Z\"}";

    // Fluent Bit tail input, kubernetes filter, kafka output with format json.
    private static final String FLUENT_BIT_PLATFORM = "{\"@timestamp\":1620209000.123456,\"log\":\"203.0.113.9 "
            + "- - [05/May/2021:10:03:20 +0000] \\\"GET /user/jdoe%40example.org/lab HTTP/1.1\\\" 302 0 "
            + "\\\"-\\\" \\\"Mozilla/5.0\\\"\\n\",\"stream\":\"stdout\",\"time\":\"2021-05-05T10:03:20.123456789Z\","
            + "\"kubernetes\":{\"pod_name\":\"router-default-5f7b8c9d6-q4w2e\",\"namespace_name\":"
            + "\"openshift-ingress\",\"pod_id\":\"0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9\",\"labels\":{"
            + "\"ingresscontroller.operator.openshift.io/deployment-ingresscontroller\":\"default\"},"
            + "\"host\":\"worker-0\",\"container_name\":\"router\",\"docker_id\":\"9e8d7c6b5a\","
            + "\"container_image\":\"quay.io/openshift/origin-haproxy-router:4.7\"}}";
    private static final String FLUENT_BIT_WORKLOAD = "{\"@timestamp\":1620209001.5,\"log\":\"[I 2021-05-05 "
            + "10:03:21.500 SingleUserNotebookApp kernelmanager:179] Kernel started for jdoe@example.org\\n\","
            + "\"stream\":\"stderr\",\"time\":\"2021-05-05T10:03:21.5Z\",\"kubernetes\":{\"pod_name\":"
            + "\"jupyterhub-nb-jdoe-40example-2eorg\",\"namespace_name\":\"jupyterhub\",\"labels\":{"
            + "\"component\":\"singleuser-server\",\"hub.jupyter.org/username\":\"jdoe-40example-2eorg\"},"
            + "\"annotations\":{\"hub.jupyter.org/username\":\"jdoe@example.org\"},\"host\":\"worker-1\","
            + "\"container_name\":\"notebook\"}}";

    // OpenShift Logging ClusterLogForwarder, kafka output (ViaQ data model).
    private static final String VIAQ_INFRASTRUCTURE = "{\"@timestamp\":\"2021-05-05T10:04:00.000000+00:00\","
            + "\"docker\":{\"container_id\":\"6a7b8c9d0e\"},\"kubernetes\":{\"container_name\":\"oauth-openshift\","
            + "\"namespace_name\":\"openshift-authentication\",\"pod_name\":\"oauth-openshift-6d4b9c7f5-k2x8q\","
            + "\"pod_ip\":\"192.0.2.21\",\"host\":\"master-0\",\"master_url\":\"https://kubernetes.default.svc\"},"
            + "\"message\":\"E0505 10:04:00.000000 1 access.go:112] authentication failed for user "
            + "jdoe@example.org from 2001:db8::7\",\"level\":\"error\",\"hostname\":\"master-0\","
            + "\"pipeline_metadata\":{\"collector\":{\"ipaddr4\":\"192.0.2.44\",\"name\":\"fluentd\","
            + "\"inputname\":\"fluent-plugin-systemd\",\"received_at\":\"2021-05-05T10:04:00.412Z\","
            + "\"version\":\"1.7.4 1.6.0\"}},\"openshift\":{\"sequence\":1620209040000000001},"
            + "\"viaq_msg_id\":\"YjI3ZGQ0NzAtZDk2Ny00\",\"log_type\":\"infrastructure\"}";
    private static final String VIAQ_APPLICATION = "{\"@timestamp\":\"2021-05-05T10:04:05.250000+00:00\","
            + "\"kubernetes\":{\"container_name\":\"notebook\",\"namespace_name\":\"jupyterhub\",\"pod_name\":"
            + "\"jupyterhub-nb-jdoe-40example-2eorg\",\"pod_ip\":\"198.51.100.23\",\"host\":\"worker-1\","
            + "\"labels\":{\"hub.jupyter.org/username\":\"jdoe-40example-2eorg\"}},\"message\":\"Saving file at "
            + "/home/jdoe@example.org/analysis.ipynb\",\"level\":\"info\",\"hostname\":\"worker-1\","
            + "\"viaq_msg_id\":\"ZTBhMWIyYzMtZDRlNS00\",\"log_type\":\"application\"}";

    // rsyslog omkafka with its default template: one line per message, no envelope.
    private static final String RSYSLOG_SSHD = "2021-05-05T10:05:00.123456+00:00 bastion sshd[4242]: Accepted "
            + "publickey for jdoe@example.org from 192.0.2.7 port 52144 ssh2";
    private static final String RSYSLOG_AUDIT = "2021-05-05T10:05:00.130000+00:00 bastion audit: USER_LOGIN "
            + "pid=4242 uid=0 auid=1000 ses=3 msg='op=login acct=\"jdoe@example.org\" exe=\"/usr/sbin/sshd\" "
            + "hostname=? addr=2001:db8::7 terminal=ssh res=success'";

    // One scrape's exposition text, as `curl .../metrics | kcat -P` writes it.
    private static final String PLATFORM_SERIES = "apiserver_request_total{code=\"200\",namespace="
            + "\"openshift-authentication\",resource=\"oauthaccesstokens\",verb=\"GET\"} 17";
    private static final String RESOURCE_SERIES = "container_memory_working_set_bytes{container=\"notebook\","
            + "namespace=\"jupyterhub\",pod=\"jupyterhub-nb-jdoe-40example-2eorg\"} 1.2582912e+08";
    private static final String APPLICATION_SERIES = "http_requests_total{client=\"203.0.113.9\",handler="
            + "\"/user/jdoe@example.org/api\",namespace=\"shop\"} 3";
    private static final String EXPOSITION = """
            # HELP apiserver_request_total Counter of apiserver requests.
            # TYPE apiserver_request_total counter
            %s
            # HELP container_memory_working_set_bytes Current working set in bytes.
            # TYPE container_memory_working_set_bytes gauge
            %s
            # HELP kube_pod_info Information about pod.
            # TYPE kube_pod_info gauge
            kube_pod_info{host_ip="192.0.2.21",namespace="jupyterhub",node="worker-1",pod="jupyterhub-nb-jdoe-40example-2eorg",pod_ip="198.51.100.23"} 1
            # TYPE http_requests_total counter
            %s
            """.formatted(PLATFORM_SERIES, RESOURCE_SERIES, APPLICATION_SERIES);

    private final KafkaBroker broker;
    private final ObjectMapper json = new ObjectMapper();
    private final byte[] secret = new byte[32];
    private Kcat kcat;

    CollectorsWritingToKafkaIT(final KafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    void findKcat(@TempDir final Path work) {
        new SecureRandom().nextBytes(secret);
        kcat = new Kcat(broker.bootstrapServers(), work);
    }

    /**
     * A log collector: the decoder its topic is configured with, its records from platform namespaces (published)
     * and from users' namespaces (withheld from the public tier).
     */
    record LogCollector(String name, String decoder, List<String> platform, List<String> workload) {
        @Override
        public String toString() {
            return name;
        }

        List<String> all() {
            return Stream.concat(platform.stream(), workload.stream()).toList();
        }
    }

    static Stream<Arguments> logCollectors() {
        return Stream.of(
                new LogCollector("Vector kubernetes_logs", "vector", List.of(VECTOR_PLATFORM),
                        List.of(VECTOR_WORKLOAD)),
                new LogCollector("Fluent Bit", "fluent-bit", List.of(FLUENT_BIT_PLATFORM),
                        List.of(FLUENT_BIT_WORKLOAD)),
                new LogCollector("OpenShift Logging (ViaQ)", "viaq", List.of(VIAQ_INFRASTRUCTURE),
                        List.of(VIAQ_APPLICATION)),
                new LogCollector("rsyslog omkafka", "text", List.of(RSYSLOG_SSHD, RSYSLOG_AUDIT), List.of()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logCollectors")
    void logRecordsAreScrubbedAndWorkloadLogsStayOutOfThePublicTopic(final LogCollector collector)
            throws Exception {
        final Outputs outputs = run(RecordKind.LOGS, collector.decoder(), collector.all());

        assertThat(outputs.raw()).containsExactlyInAnyOrderElementsOf(collector.all());
        assertThat(outputs.sanitized()).containsExactlyInAnyOrderElementsOf(
                outputs.expected(Tier.SANITIZED, collector.all()));
        assertThat(outputs.published()).containsExactlyInAnyOrderElementsOf(
                outputs.expected(Tier.PUBLIC, collector.platform()));
        for (final String workload : collector.workload()) {
            assertThat(outputs.published()).doesNotContain(outputs.scrub(Tier.PUBLIC, workload));
        }
        final boolean isJson = !collector.decoder().equals("text");
        for (final String output : outputs.scrubbed()) {
            if (isJson) {
                assertThat(fieldNames(output)).as(output).isIn(collector.all().stream().map(this::fieldNames)
                        .toList());
            }
            assertThat(output).as("every identifier was rewritten").contains(".invalid");
        }
        for (final String output : outputs.published()) {
            if (isJson) {
                assertThat(namespaceOf(json.readTree(output))).as(output).startsWith("openshift-");
            }
        }
    }

    @Test
    void prometheusExpositionIsScrubbedAndTheApplicationSeriesOfAWorkloadStaysOutOfThePublicTopic()
            throws Exception {
        final Outputs outputs = run(RecordKind.METRICS, "exposition", List.of(EXPOSITION));

        assertThat(outputs.raw()).containsExactly(EXPOSITION);
        assertThat(outputs.sanitized()).containsExactlyElementsOf(outputs.expected(Tier.SANITIZED,
                List.of(EXPOSITION)));
        final String sanitized = outputs.sanitized().get(0);
        assertThat(sanitized).contains("apiserver_request_total{", "container_memory_working_set_bytes{",
                "kube_pod_info{", "http_requests_total{", "namespace=\"shop\"");
        final String published = outputs.published().stream().collect(java.util.stream.Collectors.joining());
        assertThat(published).as("platform series and the resource metrics of a workload")
                .contains(PLATFORM_SERIES, "container_memory_working_set_bytes{container=\"notebook\","
                        + "namespace=\"jupyterhub\",pod=\"jupyterhub-nb-u", "kube_pod_info{")
                .as("an application's own series of a workload namespace")
                .doesNotContain("http_requests_total{", "namespace=\"shop\"");
        final String expectedLine = lineStarting(outputs.scrub(Tier.PUBLIC, EXPOSITION),
                "container_memory_working_set_bytes{");
        assertThat(published).contains(expectedLine);
    }

    /** What came out of one service for one collector's records, read back with kcat. */
    private record Outputs(List<String> raw, List<String> sanitized, List<String> published,
            Map<Tier, ScrubFunction> scrubbers) {

        String scrub(final Tier tier, final String record) {
            return scrubbers.get(tier).scrub(record);
        }

        List<String> expected(final Tier tier, final List<String> records) {
            return records.stream().map(record -> scrub(tier, record)).toList();
        }

        List<String> scrubbed() {
            return Stream.concat(sanitized.stream(), published.stream()).toList();
        }
    }

    /** The running service's own scrubber of a tier, for the exact output of a record. */
    private interface ScrubFunction {
        String scrub(String record);
    }

    private Outputs run(final RecordKind kind, final String decoder, final List<String> records)
            throws Exception {
        final String id = broker.uniqueName("kcat");
        final TopicNames topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.",
                id + ".quarantine", id + ".identities", id + ".consent");
        final Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("anonymizer.embedded-broker.mode", "never");
        properties.put("anonymizer.keys.secret", Base64.getEncoder().encodeToString(secret));
        properties.put("anonymizer.keys.epoch", PUBLIC_EPOCH);
        properties.put("micronaut.server.port", -1);
        // Collectors write into the raw topics themselves here; the receivers have their own tests.
        properties.put("anonymizer.ingest.enabled", false);
        // Canaries would add records of their own to the raw logs this test reads back.
        properties.put("anonymizer.canary.enabled", false);
        properties.put("anonymizer.decoders." + kind.topicSuffix(), decoder);
        properties.put("anonymizer.topics.raw-prefix", topics.rawPrefix());
        properties.put("anonymizer.topics.sanitized-prefix", topics.sanitizedPrefix());
        properties.put("anonymizer.topics.public-prefix", topics.publicPrefix());
        properties.put("anonymizer.topics.quarantine", topics.quarantine());
        properties.put("anonymizer.topics.identities", topics.identities());
        properties.put("anonymizer.topics.consent", topics.consent());
        properties.put("kafka.streams.publisher.application.id", broker.uniqueName("kcat-publisher"));
        try (Service service = Service.start(properties)) {
            kcat.produce(topics.raw(kind), records);

            final List<Kcat.Message> raw = kcat.consume(topics.raw(kind));
            final List<Kcat.Message> sanitized = new ArrayList<>();
            final List<Kcat.Message> quarantined = new ArrayList<>();
            await("all records scrubbed or quarantined").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .pollInSameThread().until(() -> {
                        sanitized.clear();
                        sanitized.addAll(kcat.consume(topics.output(Tier.SANITIZED, kind)));
                        quarantined.clear();
                        quarantined.addAll(kcat.consume(topics.quarantine()));
                        return sanitized.size() + quarantined.size() >= records.size();
                    });
            assertThat(quarantined).as("quarantined: %s", quarantined.stream().map(message -> message.headers()
                    .get(RecordHeaderNames.QUARANTINE_REASON) + " (" + message.headers()
                    .get(RecordHeaderNames.QUARANTINE_DETAIL) + ")").toList()).isEmpty();
            // Both tiers of a record are written in one transaction: the public topic is complete now.
            final List<Kcat.Message> published = kcat.consume(topics.output(Tier.PUBLIC, kind));
            assertNoRawIdentifier(sanitized);
            assertNoRawIdentifier(published);
            for (final Kcat.Message message : published) {
                assertThat(message.headers().get(RecordHeaderNames.PROVENANCE))
                        .startsWith("p/").contains("/" + PublisherTopology.DATASET_LICENSE + "/");
            }
            final TopologySettings settings = service.context().getBean(TopologySettings.class);
            final Map<Tier, ScrubFunction> scrubbers = new HashMap<>();
            for (final Tier tier : Tier.values()) {
                scrubbers.put(tier, record -> switch (settings.scrubbers().get(tier).scrub(kind,
                        withoutFinalNewline(record))) {
                    case ScrubResult.Scrubbed scrubbed -> scrubbed.output();
                    case ScrubResult.Failed failed -> "failed: " + failed;
                });
            }
            return new Outputs(payloads(raw), payloads(sanitized), payloads(published), scrubbers);
        }
    }

    /** Checks keys, values and headers against every raw identifier in every encoding it could leak in. */
    private static void assertNoRawIdentifier(final List<Kcat.Message> messages) {
        final Set<String> forbidden = forbidden();
        for (final Kcat.Message message : messages) {
            final String where = message.topic() + "-" + message.partition() + "@" + message.offset();
            assertThat(lower(message.key())).as("key of %s", where).doesNotContain(forbidden);
            assertThat(lower(message.payload())).as("value of %s", where).doesNotContain(forbidden);
            message.headers().forEach((name, value) -> assertThat(lower(name + "=" + value))
                    .as("header of %s", where).doesNotContain(forbidden));
        }
    }

    /** Each identity as written, percent-encoded once and twice, JSON-escaped, and an email's local part. */
    private static Set<String> forbidden() {
        final Set<String> forbidden = new LinkedHashSet<>();
        for (final String identity : IDENTITIES) {
            final String once = URLEncoder.encode(identity, StandardCharsets.UTF_8);
            forbidden.add(identity);
            forbidden.add(once.toLowerCase(Locale.ROOT));
            forbidden.add(URLEncoder.encode(once, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
            forbidden.add(identity.replace("@", "\\u0040"));
            final int at = identity.indexOf('@');
            if (at > 0) {
                forbidden.add(identity.substring(0, at));
            }
        }
        return forbidden;
    }

    private Set<String> fieldNames(final String record) {
        try {
            final JsonNode node = json.readTree(record);
            assertThat(node.isObject()).as("a JSON object: %s", record).isTrue();
            final Set<String> names = new LinkedHashSet<>();
            for (final Iterator<String> it = node.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            return names;
        } catch (final IOException e) {
            throw new AssertionError("not JSON: " + record, e);
        }
    }

    private static String namespaceOf(final JsonNode record) {
        final JsonNode kubernetes = record.path("kubernetes");
        return kubernetes.has("pod_namespace") ? kubernetes.path("pod_namespace").asText()
                : kubernetes.path("namespace_name").asText();
    }

    private static String lineStarting(final String text, final String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in " + text));
    }

    private static List<String> payloads(final List<Kcat.Message> messages) {
        return messages.stream().map(Kcat.Message::payload).toList();
    }

    private static String withoutFinalNewline(final String record) {
        return record.endsWith("\n") ? record.substring(0, record.length() - 1) : record;
    }

    private static String lower(final String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
