package org.operatefirst.anonymizer.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogLinesTest {

    private final LogLines receiver = new LogLines(new Limits(1 << 20, 128, 5, 16));

    static Stream<Arguments> textBodies() {
        return Stream.of(
                Arguments.of("one line without newline", "GET /user/jdoe@example.org/", List.of(
                        "GET /user/jdoe@example.org/")),
                Arguments.of("CRLF and blank lines", "a 192.0.2.7\r\n\r\n\nb\r\n", List.of("a 192.0.2.7", "b")),
                Arguments.of("a lone CR stays inside the line", "a\rb\n", List.of("a\rb")),
                Arguments.of("UTF-8", "caf\u00e9 \u2603\n", List.of("caf\u00e9 \u2603")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textBodies")
    void makesOneRecordPerTextLine(final String name, final String body, final List<String> lines) {
        final Received received = receiver.receive(body.getBytes(StandardCharsets.UTF_8), "text/plain", "hub");

        assertThat(received).isInstanceOfSatisfying(Received.Records.class, records -> {
            assertThat(records.records()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(lines);
            assertThat(records.records()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsOnly("hub");
            assertThat(records.records()).extracting(RawRecord::contentType).containsOnly(RawRecord.TEXT);
        });
    }

    @Test
    void keysJsonLinesByPodFromVectorFluentBitAndOpenShiftLogging() {
        final String body = """
                {"message":"a","kubernetes":{"pod_namespace":"jupyterhub","pod_name":"jupyterhub-nb-jdoe"}}
                {"log":"b","kubernetes":{"namespace_name":"jupyterhub","pod_name":"hub-7d9"}}
                {"message":"c"}
                """;

        final Received received = receiver.receive(body.getBytes(StandardCharsets.UTF_8), "application/x-ndjson",
                "node-1");

        assertThat(received).isInstanceOfSatisfying(Received.Records.class, records -> assertThat(records.records())
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("jupyterhub/jupyterhub-nb-jdoe", "jupyterhub/hub-7d9", "node-1"));
    }

    @Test
    void leavesRecordsUnkeyedWithoutPodOrStream() {
        final Received received = receiver.receive("x\n".getBytes(StandardCharsets.UTF_8), "text/plain", null);

        assertThat(((Received.Records) received).records().get(0).key()).isNull();
    }

    static Stream<Arguments> refusals() {
        final byte[] latin1 = "ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("line 2 not UTF-8", "text/plain", latin1, 400, ErrorCodes.NOT_UTF8, "line 2"),
                Arguments.of("line 3 too long", "text/plain", ("a\nb\n" + "x".repeat(129)).getBytes(
                        StandardCharsets.UTF_8), 400, ErrorCodes.RECORD_TOO_LARGE, "line 3 has 129 bytes"),
                Arguments.of("six lines, limit five", "text/plain", "1\n2\n3\n4\n5\n6\n".getBytes(
                        StandardCharsets.UTF_8), 413, ErrorCodes.TOO_MANY_RECORDS, "more than 5"),
                Arguments.of("only blank lines", "text/plain", "\n\r\n".getBytes(StandardCharsets.UTF_8), 400,
                        ErrorCodes.EMPTY, "no log line"),
                Arguments.of("JSON line not an object", "application/x-ndjson", "{}\n[1]\n".getBytes(
                        StandardCharsets.UTF_8), 400, ErrorCodes.BAD_JSON, "document 2"),
                Arguments.of("broken JSON on line 2", "application/x-ndjson", "{}\n{\"a\":}\n".getBytes(
                        StandardCharsets.UTF_8), 400, ErrorCodes.BAD_JSON, "line 2"),
                Arguments.of("XML", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8), 415,
                        ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "application/xml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesNamingTheLine(final String name, final String mediaType, final byte[] body, final int status,
            final String error, final String detail) {
        final Received received = receiver.receive(body, mediaType, null);

        assertThat(received).isInstanceOfSatisfying(Received.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(status);
            assertThat(refused.error()).isEqualTo(error);
            assertThat(refused.detail()).contains(detail);
        });
    }
}
