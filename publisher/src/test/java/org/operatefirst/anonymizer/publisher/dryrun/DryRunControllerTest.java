package org.operatefirst.anonymizer.publisher.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.streams.PublisherStreams;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * The dry run over HTTP, against the service's HTTP server. The topology does not run and the configured cluster
 * is a closed port: the dry run needs no Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DryRunControllerTest {

    private static final int MAX_RECORD_BYTES = 512;
    private static final int EPOCH = 2031;
    private static final byte[] SECRET = new byte[32];
    private static final String PSEUDONYM_EMAIL = "u[a-z2-7]{12}@d[a-z2-7]{8}\\.invalid";
    private static final String IPV4 = "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Service service;
    private URI base;

    @BeforeAll
    void startTheService() {
        java.util.Arrays.fill(SECRET, (byte) 7);
        service = Service.start(Map.of(
                PublisherStreams.ENABLED_PROPERTY, false,
                "micronaut.server.port", -1,
                "anonymizer.keys.secret", Base64.getEncoder().encodeToString(SECRET),
                "anonymizer.keys.epoch", EPOCH,
                "anonymizer.scrub.max-record-bytes", MAX_RECORD_BYTES,
                "anonymizer.embedded-broker.mode", "never",
                "anonymizer.ingest.enabled", false,
                "kafka.bootstrap.servers", "localhost:9"));
        base = service.httpServer().orElseThrow().getURI();
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    private HttpResponse<String> post(final String query, final byte[] body, final String contentType)
            throws Exception {
        final HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/scrub" + query))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String query, final String body) throws Exception {
        return post(query, body.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** Kind, tier, record, a pattern of the output, and the findings. */
    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("logs", "public", "GET /user/jdoe@example.org/ from 192.0.2.7",
                        "GET /user/" + PSEUDONYM_EMAIL + "/ from " + IPV4, "{\"email\":1,\"ipv4\":1}"),
                Arguments.of("logs", "sanitized", "GET /user/jdoe%40example.org/",
                        "GET /user/u[a-z2-7]{12}%40d[a-z2-7]{8}\\.invalid/", "{\"email\":1}"),
                Arguments.of("metrics", "public", "up{instance=\"198.51.100.21:9100\"} 1",
                        "up\\{instance=\"" + IPV4 + ":9100\"\\} 1", "{\"ipv4\":1}"),
                Arguments.of("alerts", "public", "{\"annotations\":{\"description\":\"owned by jdoe@example.org\"}}",
                        "\\{\"annotations\":\\{\"description\":\"owned by " + PSEUDONYM_EMAIL + "\"\\}\\}",
                        "{\"email\":1}"),
                // Near misses: nothing to rewrite, the record comes back as it was.
                Arguments.of("events", "public", "{\"message\":\"Started container notebook\"}",
                        "\\{\"message\":\"Started container notebook\"\\}", "{}"),
                Arguments.of("logs", "public", "GET /healthz 200 version 1.2.3",
                        "GET /healthz 200 version 1\\.2\\.3", "{}"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void answersTheScrubbedRecordAndItsFindings(final String kind, final String tier, final String record,
            final String outputPattern, final String findings) throws Exception {
        final HttpResponse<String> response = post("?kind=" + kind + "&tier=" + tier, record);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        final JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("output").asText()).matches(outputPattern);
        assertThat(answer.get("findings")).isEqualTo(json.readTree(findings));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json", "application/x-www-form-urlencoded",
        "application/octet-stream"})
    void takesTheBodyAsTheRecordWhateverItsContentType(final String contentType) throws Exception {
        final HttpResponse<String> response = post("?kind=logs&tier=public",
                "user=jdoe@example.org&x=1".getBytes(StandardCharsets.UTF_8), contentType);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("output").asText())
                .matches("user=" + PSEUDONYM_EMAIL + "&x=1");
    }

    @Test
    void aRecordTheTopologyWouldQuarantineIs422WithTheReason() throws Exception {
        final byte[] latin1 = "caf\u00e9 owner=jdoe@example.org".getBytes(StandardCharsets.ISO_8859_1);

        final HttpResponse<String> response = post("?kind=logs&tier=public", latin1, "text/plain");

        assertThat(response.statusCode()).isEqualTo(422);
        final JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("error").asText()).isEqualTo("not-utf8");
        assertThat(answer.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("jdoe").doesNotContain("example.org");
    }

    @ParameterizedTest
    @CsvSource({"512, 200", "513, 413"})
    void aRecordOverTheMaximumRecordSizeIs413(final int size, final int status) throws Exception {
        final HttpResponse<String> response = post("?kind=logs&tier=public", "a".repeat(size));

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 413) {
            assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("too-large");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"?kind=traces&tier=public", "?kind=logs&tier=operators", "?tier=public",
        "?kind=logs", "", "?kind=&tier="})
    void aMissingOrUnknownKindOrTierIs400(final String query) throws Exception {
        final HttpResponse<String> response = post(query, "GET / from 192.0.2.7");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("bad-request");
    }

    @Test
    void dryRunPseudonymsMatchNothingThePublishedTiersCarry() throws Exception {
        final String record = "GET /user/jdoe@example.org/ from 192.0.2.7";
        for (final Tier tier : Tier.values()) {
            final String published = ((ScrubResult.Scrubbed) Scrubber.create(MasterSecret.of(SECRET), tier,
                    tier == Tier.PUBLIC ? EPOCH : 0).scrub(RecordKind.LOGS, record)).output();
            final String dryRun = json.readTree(post("?kind=logs&tier=" + tier.label(), record).body())
                    .get("output").asText();
            final String publishedEmail = published.substring(10, published.indexOf("/ from"));
            assertThat(dryRun).doesNotContain(publishedEmail)
                    .doesNotContain(publishedEmail.substring(publishedEmail.indexOf('@')));
        }
    }
}
