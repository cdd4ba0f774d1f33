package org.operatefirst.anonymizer.scrubbers.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JDOE_EMAIL;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JDOE_ESCAPED;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JDOE_NAME;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.NODE_IP;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.REDACTED;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** Alertmanager webhook payloads through the scrubber: recomputed fingerprints, group keys, exact outputs. */
class AlertFormatTest {

    private static final String POD = "jupyterhub-nb-jdoe-40example-2eorg";
    private static final String POD_SCRUBBED = "jupyterhub-nb-" + JDOE_ESCAPED;

    private final Scrubber scrubber = Scrubber.create(MasterSecret.of(JsonFormatTest.counting()), Tier.PUBLIC, 2026,
            ScrubPolicy.defaults());

    private static String[] label(final String name, final String value) {
        return new String[] {name, value};
    }

    static Stream<Arguments> knownFingerprints() {
        // prometheus/common model/signature_test.go: TestMetricToFingerprint and BenchmarkMetricToFingerprint*.
        return Stream.of(
                arguments(List.of(), Long.parseUnsignedLong("14695981039346656037")),
                arguments(List.<String[]>of(label("name", "garland, briggs"), label("fear", "love is not enough")),
                        Long.parseUnsignedLong("5799056148416392346")),
                arguments(List.<String[]>of(label("first-label", "first-label-value")),
                        Long.parseUnsignedLong("5146282821936882169")),
                arguments(List.<String[]>of(label("second-label", "second-label-value"), label("first-label",
                        "first-label-value")), Long.parseUnsignedLong("3195800080984914717")),
                arguments(List.<String[]>of(label("third-label", "third-label-value"), label("first-label",
                        "first-label-value"), label("second-label", "second-label-value")),
                        Long.parseUnsignedLong("13843036195897128121")));
    }

    @ParameterizedTest
    @MethodSource("knownFingerprints")
    void computesFingerprintsLikePrometheus(final List<String[]> labels, final long expected) {
        final String hex = String.format("%016x", expected);
        assertThat(AlertFingerprint.of(new ArrayList<>(labels))).isEqualTo(hex);
    }

    @Test
    void sortsLabelNamesByTheirUtf8Bytes() {
        // U+FB01 sorts before U+1F600 in UTF-16 code units, after it in UTF-8 bytes, as Go compares.
        final String utf8Order = AlertFingerprint.of(List.<String[]>of(label("\uD83D\uDE00", "a"), label("\uFB01", "b")));
        assertThat(AlertFingerprint.of(List.<String[]>of(label("\uFB01", "b"), label("\uD83D\uDE00", "a"))))
                .isEqualTo(utf8Order);
        assertThat(AlertFingerprint.of(List.<String[]>of(label("a", "x"))))
                .isNotEqualTo(AlertFingerprint.of(List.<String[]>of(label("a", "y"))));
    }

    private static String alert(final String labels, final String fingerprint) {
        return "{\"status\":\"firing\",\"labels\":{" + labels + "},\"annotations\":{\"summary\":\"Pod is crash "
                + "looping.\"},\"startsAt\":\"2021-05-05T10:15:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"fingerprint\":\"" + fingerprint + "\"}";
    }

    private static String fingerprint(final String... nameValues) {
        final List<String[]> labels = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            labels.add(label(nameValues[i], nameValues[i + 1]));
        }
        return AlertFingerprint.of(labels);
    }

    static Stream<Arguments> rewritten() {
        return Stream.of(
                arguments("the seed's alert: labels, annotations, generator URL, fingerprint of the output labels",
                        "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"KubePodCrashLooping\\\"}\","
                                + "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"default\","
                                + "\"groupLabels\":{\"alertname\":\"KubePodCrashLooping\"},\"commonLabels\":{},"
                                + "\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.example.org:9093\","
                                + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"KubePodCrashLooping\","
                                + "\"pod\":\"" + POD + "\",\"instance\":\"10.131.3.21:8443\"},\"annotations\":"
                                + "{\"description\":\"Pod " + POD + " owned by jdoe@example.org is restarting.\"},"
                                + "\"generatorURL\":\"http://prometheus.example.org:9090/graph?g0.expr=increase%28"
                                + "x%7Bpod%3D%22" + POD + "%22%7D%5B10m%5D%29\",\"fingerprint\":\"a1b2c3d4e5f60718\"}]}",
                        "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"KubePodCrashLooping\\\"}\","
                                + "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"default\","
                                + "\"groupLabels\":{\"alertname\":\"KubePodCrashLooping\"},\"commonLabels\":{},"
                                + "\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.example.org:9093\","
                                + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"KubePodCrashLooping\","
                                + "\"pod\":\"" + POD_SCRUBBED + "\",\"instance\":\"" + NODE_IP + ":8443\"},"
                                + "\"annotations\":{\"description\":\"Pod " + POD_SCRUBBED + " owned by " + JDOE_EMAIL
                                + " is restarting.\"},\"generatorURL\":\"http://prometheus.example.org:9090/graph?"
                                + "g0.expr=increase%28x%7Bpod%3D%22" + POD_SCRUBBED + "%22%7D%5B10m%5D%29\","
                                + "\"fingerprint\":\"" + fingerprint("alertname", "KubePodCrashLooping", "pod",
                                        POD_SCRUBBED, "instance", NODE_IP + ":8443") + "\"}]}"),
                arguments("a fingerprint is recomputed even when no label changed",
                        "{\"alerts\":[" + alert("\"alertname\":\"Watchdog\"", "ffffffffffffffff") + "]}",
                        "{\"alerts\":[" + alert("\"alertname\":\"Watchdog\"", fingerprint("alertname", "Watchdog"))
                                + "]}"),
                arguments("a fingerprint before the labels is filled in when the alert closes; two alerts",
                        "{\"alerts\":[{\"fingerprint\":\"0123456789abcdef\",\"labels\":{\"user\":\"jdoe\"}},"
                                + "{\"fingerprint\":\"\",\"labels\":{}}]}",
                        "{\"alerts\":[{\"fingerprint\":\"" + fingerprint("user", JDOE_NAME) + "\",\"labels\":"
                                + "{\"user\":\"" + JDOE_NAME + "\"}},{\"fingerprint\":\"" + fingerprint()
                                + "\",\"labels\":{}}]}"),
                arguments("an alert without labels has the empty set's fingerprint; one without a fingerprint gets none",
                        "{\"alerts\":[{\"fingerprint\":\"x\"},{\"labels\":{\"a\":\"b\"}}]}",
                        "{\"alerts\":[{\"fingerprint\":\"cbf29ce484222325\"},{\"labels\":{\"a\":\"b\"}}]}"),
                arguments("user name and secret labels",
                        "{\"commonLabels\":{\"user\":\"jdoe@example.org\",\"api_token\":\"t0k3n\"},\"alerts\":[{"
                                + "\"labels\":{\"label_hub_jupyter_org_username\":\"jdoe-40example-2eorg\"},"
                                + "\"fingerprint\":\"1\"}]}",
                        "{\"commonLabels\":{\"user\":\"" + JDOE_EMAIL + "\",\"api_token\":" + REDACTED + "},"
                                + "\"alerts\":[{\"labels\":{\"label_hub_jupyter_org_username\":\"" + JDOE_ESCAPED
                                + "\"},\"fingerprint\":\"" + fingerprint("label_hub_jupyter_org_username",
                                        JDOE_ESCAPED) + "\"}]}"),
                arguments("a group key: the pod in free text, a user name label, a secret label, the route kept",
                        "{\"groupKey\":\"{}/{severity=\\\"critical\\\"}:{alertname=\\\"X\\\", pod=\\\"" + POD
                                + "\\\", user=\\\"jdoe\\\", password=\\\"hunter2\\\", host=\\\"10.131.3.21\\\"}\"}",
                        "{\"groupKey\":\"{}/{severity=\\\"critical\\\"}:{alertname=\\\"X\\\", pod=\\\""
                                + POD_SCRUBBED + "\\\", user=\\\"" + JDOE_NAME + "\\\", password=\\\"[REDACTED:password]"
                                + "\\\", host=\\\"" + NODE_IP + "\\\"}\"}"),
                arguments("a fingerprint outside an alert is an ordinary string",
                        "{\"fingerprint\":\"a1b2c3d4e5f60718\",\"data\":{\"alerts\":[{\"fingerprint\":\"x\"}]}}",
                        "{\"fingerprint\":\"a1b2c3d4e5f60718\",\"data\":{\"alerts\":[{\"fingerprint\":\"x\"}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewritten")
    void rewritesByTheRules(final String name, final String input, final String expected) throws IOException {
        final ScrubResult result = scrubber.scrub(RecordKind.ALERTS, input);
        assertThat(result).as(input).isInstanceOf(ScrubResult.Scrubbed.class);
        final String output = ((ScrubResult.Scrubbed) result).output();
        assertThat(output).isEqualTo(expected);
        JsonFormatTest.assertValidJson(output);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("a label value that is a number", "{\"alerts\":[{\"labels\":{\"a\":1}}]}",
                        AlertFormat.REASON_NOT_ALERTMANAGER),
                arguments("a label value that is null", "{\"alerts\":[{\"labels\":{\"a\":null}}]}",
                        AlertFormat.REASON_NOT_ALERTMANAGER),
                arguments("a label value that is an object", "{\"alerts\":[{\"labels\":{\"a\":{}}}]}",
                        AlertFormat.REASON_NOT_ALERTMANAGER),
                arguments("a label name twice", "{\"alerts\":[{\"labels\":{\"a\":\"1\",\"a\":\"2\"}}]}",
                        AlertFormat.REASON_NOT_ALERTMANAGER),
                arguments("a fingerprint that is a number", "{\"alerts\":[{\"fingerprint\":12}]}",
                        AlertFormat.REASON_NOT_ALERTMANAGER),
                arguments("a fingerprint that is an array", "{\"alerts\":[{\"fingerprint\":[]}]}",
                        AlertFormat.REASON_NOT_ALERTMANAGER),
                arguments("not JSON", "alert: jdoe@example.org", JsonFormat.REASON_INVALID_JSON),
                arguments("too deep", "{\"alerts\":" + "[".repeat(64) + "]".repeat(64) + "}",
                        JsonFormat.REASON_TOO_DEEP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWhatAlertmanagerDoesNotSend(final String name, final String input, final String reason) {
        final ScrubResult result = scrubber.scrub(RecordKind.ALERTS, input);
        assertThat(result).isInstanceOf(ScrubResult.Failed.class);
        assertThat(((ScrubResult.Failed) result).reason()).isEqualTo(reason);
    }
}
