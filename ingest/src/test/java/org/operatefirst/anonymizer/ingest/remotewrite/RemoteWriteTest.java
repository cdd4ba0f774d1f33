package org.operatefirst.anonymizer.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.ingest.receive.ErrorCodes;
import org.operatefirst.anonymizer.ingest.receive.Limits;
import org.operatefirst.anonymizer.ingest.receive.RawRecord;
import org.operatefirst.anonymizer.ingest.receive.Received;
import org.xerial.snappy.Snappy;

class RemoteWriteTest {

    private static final Limits LIMITS = new Limits(1 << 20, 4096, 100, 16);
    private final RemoteWrite receiver = new RemoteWrite(LIMITS);

    private static String[] labels(final String... pairs) {
        return pairs;
    }

    @Test
    void writesOneRecordPerSeriesAsExpositionLinesKeyedByTheSeries() {
        final byte[] body = new WriteRequests()
                .series(labels("__name__", "up", "instance", "192.0.2.7:9100", "job", "node"),
                        1620209251000d, 1, 1620209252000d, 0)
                .series(labels("__name__", "kube_pod_info", "namespace", "jupyterhub",
                        "pod", "jupyterhub-nb-jdoe-40example-2eorg"), 1620209251000d, 1)
                .body();

        final Received received = receiver.receive(body);

        assertThat(received).isInstanceOf(Received.Records.class);
        final List<RawRecord> records = ((Received.Records) received).records();
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(
                "up{instance=\"192.0.2.7:9100\",job=\"node\"}",
                "kube_pod_info{namespace=\"jupyterhub\",pod=\"jupyterhub-nb-jdoe-40example-2eorg\"}");
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly(
                "up{instance=\"192.0.2.7:9100\",job=\"node\"} 1 1620209251000\n"
                        + "up{instance=\"192.0.2.7:9100\",job=\"node\"} 0 1620209252000",
                "kube_pod_info{namespace=\"jupyterhub\",pod=\"jupyterhub-nb-jdoe-40example-2eorg\"} 1 1620209251000");
        assertThat(records).extracting(RawRecord::contentType).containsOnly(RawRecord.EXPOSITION);
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(0d, "0"),
                Arguments.of(-0d, "-0.0"),
                Arguments.of(42d, "42"),
                Arguments.of(-3d, "-3"),
                Arguments.of(0.25, "0.25"),
                Arguments.of(1e300, "1.0E300"),
                Arguments.of(1.5e15, "1.5E15"),
                Arguments.of(Double.NaN, "NaN"),
                Arguments.of(Double.longBitsToDouble(0x7ff0000000000002L), "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, "+Inf"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Inf"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("values")
    void writesValuesThatParseBackToTheSameDouble(final double value, final String text) {
        final byte[] body = new WriteRequests().series(labels("__name__", "m"), 5, value).body();

        assertThat(value(receiver.receive(body))).isEqualTo("m{} " + text + " 5");
    }

    @Test
    void escapesLabelValuesAsTheExpositionFormatRequires() {
        final byte[] body = new WriteRequests()
                .series(labels("__name__", "m", "path", "C:\\tmp\\\"x\"\nnext"), 5, 1).body();

        assertThat(value(receiver.receive(body))).isEqualTo("m{path=\"C:\\\\tmp\\\\\\\"x\\\"\\nnext\"} 1 5");
    }

    @Test
    void skipsMetadataAndUnknownFieldsAndSeriesWithoutSamples() {
        final byte[] body = snappy(new WriteRequests()
                .rawField(3, "metadata".getBytes(StandardCharsets.UTF_8))
                .rawField(15, new byte[] {1, 2, 3})
                .series(labels("__name__", "empty"))
                .series(labels("__name__", "m"), 5, 1)
                .protobuf());

        assertThat(((Received.Records) receiver.receive(body)).records()).hasSize(1);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("not snappy", HexFormat.of().parseHex("0a0b0c"), ErrorCodes.BAD_SNAPPY, 400),
                Arguments.of("snappy but not protobuf", snappy("not a protobuf message".getBytes(
                        StandardCharsets.UTF_8)), ErrorCodes.BAD_PROTOBUF, 400),
                Arguments.of("truncated series", snappy(HexFormat.of().parseHex("0a0a0a04")),
                        ErrorCodes.BAD_PROTOBUF, 400),
                Arguments.of("label value not UTF-8", snappy(HexFormat.of().parseHex("0a0a0a08" + "0a01" + "61"
                        + "1203" + "ff6162")), ErrorCodes.BAD_PROTOBUF, 400),
                Arguments.of("no metric name", new WriteRequests().series(labels("job", "node"), 5, 1).body(),
                        ErrorCodes.BAD_SERIES, 400),
                Arguments.of("invalid metric name", new WriteRequests().series(labels("__name__", "http.requests"),
                        5, 1).body(), ErrorCodes.BAD_SERIES, 400),
                Arguments.of("invalid label name", new WriteRequests().series(labels("__name__", "m",
                        "la-bel", "v"), 5, 1).body(), ErrorCodes.BAD_SERIES, 400),
                Arguments.of("repeated label", new WriteRequests().series(labels("__name__", "m", "a", "1", "a",
                        "2"), 5, 1).body(), ErrorCodes.BAD_SERIES, 400),
                Arguments.of("native histogram", snappy(withHistogram()), ErrorCodes.UNSUPPORTED_HISTOGRAMS, 400),
                Arguments.of("too many series", manySeries(101), ErrorCodes.TOO_MANY_RECORDS, 413),
                Arguments.of("series larger than a record", new WriteRequests().series(labels("__name__", "m",
                        "a", "x".repeat(5000)), 5, 1).body(), ErrorCodes.RECORD_TOO_LARGE, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatItCannotWriteFaithfully(final String name, final byte[] body, final String error,
            final int status) {
        final Received received = receiver.receive(body);

        assertThat(received).isInstanceOfSatisfying(Received.Refused.class, refused -> {
            assertThat(refused.error()).isEqualTo(error);
            assertThat(refused.status()).isEqualTo(status);
            assertThat(refused.detail()).doesNotContain("xxxx", "http.requests", "node");
        });
    }

    @Test
    void acceptsTheLastSeriesWithinTheLimit() {
        assertThat(((Received.Records) receiver.receive(manySeries(100))).records()).hasSize(100);
    }

    private static byte[] manySeries(final int count) {
        final WriteRequests request = new WriteRequests();
        for (int i = 0; i < count; i++) {
            request.series(labels("__name__", "m", "i", Integer.toString(i)), 5, 1);
        }
        return request.body();
    }

    private static byte[] withHistogram() {
        final java.io.ByteArrayOutputStream series = new java.io.ByteArrayOutputStream();
        final java.io.ByteArrayOutputStream label = new java.io.ByteArrayOutputStream();
        WriteRequests.field(label, 1, "__name__".getBytes(StandardCharsets.UTF_8));
        WriteRequests.field(label, 2, "h".getBytes(StandardCharsets.UTF_8));
        WriteRequests.field(series, 1, label.toByteArray());
        WriteRequests.field(series, 4, new byte[] {0x08, 0x01});
        return new WriteRequests().rawField(1, series.toByteArray()).protobuf();
    }

    private static String value(final Received received) {
        assertThat(received).isInstanceOf(Received.Records.class);
        final List<RawRecord> records = ((Received.Records) received).records();
        assertThat(records).hasSize(1);
        return new String(records.get(0).value(), StandardCharsets.UTF_8);
    }

    private static byte[] snappy(final byte[] bytes) {
        try {
            return Snappy.compress(bytes);
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
