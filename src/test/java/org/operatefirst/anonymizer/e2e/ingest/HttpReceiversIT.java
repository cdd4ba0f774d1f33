package org.operatefirst.anonymizer.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.e2e.support.ExternalClient;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.ingest.http.RawTopicProducer;
import org.operatefirst.anonymizer.ingest.receive.RawRecord;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * The HTTP receivers of a running service, on a real broker, fed by real clients: {@code curl} posts what
 * Alertmanager, Vector and an event exporter send, and Debian's {@code prometheus} scrapes the service and
 * remote-writes its samples. Each test checks the answer and what landed in the raw topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpReceiversIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ALERTMANAGER_TOKEN = "am-0123456789abcdef0123456789";
    private static final String VECTOR_TOKEN = "vector-0123456789abcdef0123456789";
    private static final String PROMETHEUS_TOKEN = "prom-0123456789abcdef0123456789";

    private final KafkaBroker broker;
    private final TopicNames topics;
    private Service service;
    private URI base;
    private Curl curl;

    private Path work;

    HttpReceiversIT(final KafkaBroker broker) {
        this.broker = broker;
        final String id = broker.uniqueName("ingest");
        this.topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.", id + ".quarantine",
                id + ".identities", id + ".consent");
    }

    @BeforeAll
    void startTheService(@TempDir final Path work) throws IOException {
        this.work = work;
        final Path tokens = work.resolve("tokens");
        Files.writeString(tokens, "# collectors\nalertmanager\t" + ALERTMANAGER_TOKEN + "\nvector\t" + VECTOR_TOKEN
                + "\nprometheus\t" + PROMETHEUS_TOKEN + "\n");
        final Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("anonymizer.embedded-broker.mode", "never");
        properties.put("anonymizer.keys.secret", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        properties.put("micronaut.server.port", -1);
        properties.put("anonymizer.topics.raw-prefix", topics.rawPrefix());
        properties.put("anonymizer.topics.sanitized-prefix", topics.sanitizedPrefix());
        properties.put("anonymizer.topics.public-prefix", topics.publicPrefix());
        properties.put("anonymizer.topics.quarantine", topics.quarantine());
        properties.put("anonymizer.topics.identities", topics.identities());
        properties.put("anonymizer.topics.consent", topics.consent());
        properties.put("kafka.streams.publisher.application.id", broker.uniqueName("ingest-publisher"));
        properties.put("anonymizer.ingest.tokens-file", tokens.toString());
        properties.put("anonymizer.ingest.max-request-bytes", 1 << 20);
        // Canaries would add records of their own to the raw logs these tests read back.
        properties.put("anonymizer.canary.enabled", false);
        service = Service.start(properties);
        base = service.httpServer().orElseThrow().getURI();
        curl = new Curl(work);
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void alertmanagerWebhookBecomesOneRecordKeyedByItsGroup() throws Exception {
        final String payload = """
                {"receiver":"anonymizer","status":"firing","alerts":[{"status":"firing",
                 "labels":{"alertname":"KubePodCrashLooping","pod":"jupyterhub-nb-jdoe-40example-2eorg"},
                 "annotations":{"description":"owned by jdoe@example.org"},"startsAt":"2021-05-05T10:02:42.21Z",
                 "endsAt":"0001-01-01T00:00:00Z","generatorURL":"https://prometheus.example.org/graph",
                 "fingerprint":"3b6a0c1e5c6b3a1d"}],"groupLabels":{"alertname":"KubePodCrashLooping"},
                 "commonLabels":{},"commonAnnotations":{},"externalURL":"https://alertmanager.example.org",
                 "version":"4","groupKey":"{}:{alertname=\\"KubePodCrashLooping\\"}","truncatedAlerts":0}
                """;

        final Curl.Response response = curl.post(url("alerts"), utf8(payload),
                "Authorization: Bearer " + ALERTMANAGER_TOKEN, "Content-Type: application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"records\":1}");
        final ConsumerRecord<byte[], byte[]> record = read(RecordKind.ALERTS, 1).get(0);
        assertThat(text(record.key())).isEqualTo("{}:{alertname=\"KubePodCrashLooping\"}");
        assertThat(text(record.value())).startsWith("{\"receiver\":\"anonymizer\"").doesNotContain("\n")
                .contains("owned by jdoe@example.org");
        assertThat(header(record, RawTopicProducer.COLLECTOR_HEADER)).isEqualTo("alertmanager");
        assertThat(header(record, RawTopicProducer.CONTENT_TYPE_HEADER)).isEqualTo(RawRecord.JSON);
    }

    @Test
    void logLinesAsTextAndAsGzippedNdjsonBecomeOneRecordEach() throws Exception {
        final Curl.Response text = curl.post(url("logs?stream=jupyterhub"), utf8(
                "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/jdoe@example.org\n"
                        + "[W 2021-05-05 10:02:43.001 JupyterHub base:393] Failed login for 192.0.2.7\n"),
                "Authorization: Bearer " + VECTOR_TOKEN, "Content-Type: text/plain; charset=utf-8");
        final Curl.Response ndjson = curl.post(url("logs"), gzip("""
                {"message":"GET /user/jdoe@example.org/","kubernetes":{"pod_namespace":"jupyterhub","pod_name":"hub-7d9"}}
                {"message":"spawn done","kubernetes":{"pod_namespace":"jupyterhub","pod_name":"hub-7d9"}}
                """), "Authorization: Bearer " + VECTOR_TOKEN, "Content-Type: application/x-ndjson",
                "Content-Encoding: gzip");

        assertThat(text.status()).isEqualTo(200);
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.body()).isEqualTo("{\"records\":2}");
        final List<ConsumerRecord<byte[], byte[]>> records = read(RecordKind.LOGS, 4);
        assertThat(records).extracting(r -> text(r.key()) + " " + text(r.value())).contains(
                "jupyterhub [W 2021-05-05 10:02:43.001 JupyterHub base:393] Failed login for 192.0.2.7",
                "jupyterhub/hub-7d9 {\"message\":\"spawn done\",\"kubernetes\":{\"pod_namespace\":\"jupyterhub\","
                        + "\"pod_name\":\"hub-7d9\"}}");
    }

    @Test
    void kubernetesEventsBecomeOneRecordPerEvent() throws Exception {
        final String event = "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e1\","
                + "\"namespace\":\"jupyterhub\"},\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"jupyterhub\","
                + "\"name\":\"jupyterhub-nb-jdoe-40example-2eorg\"},\"reason\":\"Scheduled\"}";

        final Curl.Response response = curl.post(url("events"), utf8(event + "\n" + event + "\n"),
                "Authorization: Bearer " + VECTOR_TOKEN, "Content-Type: application/x-ndjson");

        assertThat(response.status()).isEqualTo(200);
        assertThat(read(RecordKind.EVENTS, 2)).extracting(r -> text(r.key()))
                .containsOnly("jupyterhub/jupyterhub-nb-jdoe-40example-2eorg");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            no token                | events | ''                         | application/json | {}            | 401 | unauthorized
            unknown token           | events | Bearer not-a-token-of-ours | application/json | {}            | 401 | unauthorized
            basic credentials       | logs   | Basic dmVjdG9yOnNlY3JldA== | text/plain       | x             | 401 | unauthorized
            malformed JSON          | events | VECTOR                     | application/json | {"kind":      | 400 | bad_json
            empty body              | logs   | VECTOR                     | text/plain       | ''            | 400 | empty
            gzip that is not        | logs   | VECTOR                     | text/plain;GZIP  | x             | 400 | bad_gzip
            not an event            | events | VECTOR                     | application/json | {"kind":"Pod"} | 400 | not_kubernetes_event
            XML alerts              | alerts | VECTOR                     | application/xml  | <a/>          | 415 | unsupported_media_type
            JSON remote_write       | write  | VECTOR                     | application/json | {}            | 415 | unsupported_media_type
            """)
    void refusesWithAStatusAndAJsonErrorNamingTheProblem(final String name, final String path,
            final String authorization, final String contentType, final String body, final int status,
            final String error) throws Exception {
        final String credentials = authorization.replace("VECTOR", "Bearer " + VECTOR_TOKEN);
        final boolean gzip = contentType.endsWith(";GZIP");
        final String type = "Content-Type: " + contentType.replace(";GZIP", "");
        final String encoding = "Content-Encoding: " + (gzip ? "gzip" : "identity");
        final Curl.Response response = credentials.isEmpty()
                ? curl.post(url(path), utf8(body), type, encoding)
                : curl.post(url(path), utf8(body), "Authorization: " + credentials, type, encoding);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).startsWith("{\"error\":\"" + error + "\",\"detail\":\"");
        if (status == 401) {
            assertThat(response.headers()).containsEntry("www-authenticate", "Bearer realm=\"anonymizer\"");
        }
    }

    @Test
    void refusesABodyOverTheRequestLimitWith413() throws Exception {
        final Curl.Response response = curl.post(url("logs"), new byte[(1 << 20) + 1],
                "Authorization: Bearer " + VECTOR_TOKEN, "Content-Type: text/plain");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"error\":\"request_too_large\"");
    }

    @Test
    void prometheusRemoteWritesWhatItScrapesOneRecordPerSeries() throws Exception {
        final Path prometheus = ExternalClient.require("prometheus", "apt-get install -y prometheus");
        final String target = base.getHost() + ":" + base.getPort();
        final Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: anonymizer
                    metrics_path: /prometheus
                    static_configs:
                      - targets: ['%s']
                remote_write:
                  - url: %s
                    authorization:
                      credentials: %s
                    queue_config:
                      batch_send_deadline: 1s
                """.formatted(target, url("write"), PROMETHEUS_TOKEN));
        final Process process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        try {
            final String up = "up{instance=\"" + target + "\",job=\"anonymizer\"}";
            final List<ConsumerRecord<byte[], byte[]>> records = read(RecordKind.METRICS,
                    all -> all.stream().anyMatch(r -> text(r.key()).equals(up)));
            final ConsumerRecord<byte[], byte[]> series = records.stream()
                    .filter(r -> text(r.key()).equals(up)).findFirst().orElseThrow();
            assertThat(text(series.value())).matches(
                    java.util.regex.Pattern.quote(up) + " 1 \\d{13}(\\n" + java.util.regex.Pattern.quote(up)
                            + " 1 \\d{13})*");
            assertThat(header(series, RawTopicProducer.CONTENT_TYPE_HEADER)).isEqualTo(RawRecord.EXPOSITION);
            assertThat(header(series, RawTopicProducer.COLLECTOR_HEADER)).isEqualTo("prometheus");
            assertThat(Files.readString(work.resolve("prometheus.log")))
                    .doesNotContain("non-recoverable error").doesNotContain("status 4");
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> read(final RecordKind kind, final int atLeast) {
        return read(kind, all -> all.size() >= atLeast);
    }

    private List<ConsumerRecord<byte[], byte[]>> read(final RecordKind kind,
            final java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> condition) {
        try (RawTopicReader reader = new RawTopicReader(broker.bootstrapServers(), broker.uniqueName("reader"),
                topics.raw(kind))) {
            return reader.until(TIMEOUT, condition);
        }
    }

    private URI url(final String path) {
        return base.resolve("/api/v1/" + path);
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return text(record.headers().lastHeader(name).value());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] gzip(final String text) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(utf8(text));
        }
        return out.toByteArray();
    }
}
