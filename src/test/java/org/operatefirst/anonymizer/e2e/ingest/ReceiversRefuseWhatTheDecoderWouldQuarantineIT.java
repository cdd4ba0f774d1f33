package org.operatefirst.anonymizer.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension;
import org.operatefirst.anonymizer.e2e.support.KafkaBrokerExtension.KafkaBroker;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The logs receiver of a service whose {@code raw.logs} holds OpenShift Logging records
 * ({@code anonymizer.decoders.logs=viaq}): a plain line, which the topology would quarantine, is answered 422 with
 * the decoder's reason and not produced; a ViaQ record is accepted, produced and published.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiversRefuseWhatTheDecoderWouldQuarantineIT {

    private static final String TOKEN = "logging-0123456789abcdef0123456789";
    private static final String VIAQ = "{\"@timestamp\":\"2026-12-07T10:00:00Z\",\"message\":\"GET /user/"
            + "jdoe@example.org/\",\"log_type\":\"infrastructure\",\"kubernetes\":{\"namespace_name\":"
            + "\"openshift-ingress\",\"pod_name\":\"router-1\"}}";

    private final KafkaBroker broker;
    private final TopicNames topics;
    private final HttpClient http = HttpClient.newHttpClient();
    private Service service;
    private URI logs;

    ReceiversRefuseWhatTheDecoderWouldQuarantineIT(final KafkaBroker broker) {
        this.broker = broker;
        final String id = broker.uniqueName("refuse");
        this.topics = new TopicNames(id + ".raw.", id + ".sanitized.", id + ".public.", id + ".quarantine",
                id + ".identities", id + ".consent");
    }

    @BeforeAll
    void startTheService(@TempDir final Path work) throws Exception {
        final Path tokens = Files.writeString(work.resolve("tokens"), "logging\t" + TOKEN + "\n");
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
        properties.put("kafka.streams.publisher.application.id", broker.uniqueName("refuse-publisher"));
        properties.put("anonymizer.ingest.tokens-file", tokens.toString());
        properties.put("anonymizer.decoders.logs", "viaq");
        // One partition: the refused requests came first, so reading up to the accepted record reads them too.
        properties.put("anonymizer.topics.partitions", 1);
        // Canaries would add records of their own to the raw logs this test reads back.
        properties.put("anonymizer.canary.enabled", false);
        service = Service.start(properties);
        logs = service.httpServer().orElseThrow().getURI().resolve("/api/v1/logs");
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aLineTheDecoderWouldQuarantineIsAnsweredWithItsReasonAndARecordItReadsIsPublished() throws Exception {
        final HttpResponse<String> refused = post("text/plain", "[I 2026-12-07 10:00:00 JupyterHub] GET /\n");
        final HttpResponse<String> mixed = post("application/x-ndjson", VIAQ + "\n{\"message\":\"no envelope\"}\n");
        final HttpResponse<String> accepted = post("application/x-ndjson", VIAQ + "\n");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).startsWith("{\"error\":\"would_be_quarantined\",\"reason\":\"not-json\","
                + "\"detail\":\"record 1 of 1 would be quarantined: ");
        assertThat(mixed.statusCode()).isEqualTo(422);
        assertThat(mixed.body()).contains("\"reason\":\"unexpected-shape\"", "record 2 of 2", "@timestamp");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("{\"records\":1}");

        try (RawTopicReader reader = new RawTopicReader(broker.bootstrapServers(), broker.uniqueName("reader"),
                topics.output(Tier.SANITIZED, RecordKind.LOGS))) {
            final List<ConsumerRecord<byte[], byte[]>> published = reader.until(Duration.ofSeconds(60),
                    all -> !all.isEmpty());
            assertThat(published).hasSize(1);
            assertThat(new String(published.get(0).value(), StandardCharsets.UTF_8)).contains("\"log_type\"")
                    .doesNotContain("jdoe");
        }
        try (RawTopicReader reader = new RawTopicReader(broker.bootstrapServers(), broker.uniqueName("reader"),
                topics.raw(RecordKind.LOGS))) {
            // Only the accepted request's record was produced: the refused ones, whole, were not.
            assertThat(reader.until(Duration.ofSeconds(30), all -> all.stream().anyMatch(record ->
                    new String(record.value(), StandardCharsets.UTF_8).contains("\"log_type\"")))).hasSize(1);
        }
    }

    private HttpResponse<String> post(final String contentType, final String body) throws Exception {
        return http.send(HttpRequest.newBuilder(logs).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
