package org.operatefirst.anonymizer.scrubbers.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.CLIENT_IPV6;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JANE_EMAIL;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JDOE_EMAIL;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JDOE_ESCAPED;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.JDOE_NAME;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.POD_IP;
import static org.operatefirst.anonymizer.scrubbers.format.JsonFormatTest.REDACTED;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** Log lines through the scrubber: plain text, collector JSON envelopes, and text that only looks like JSON. */
class LogFormatTest {

    private final Scrubber scrubber = Scrubber.create(MasterSecret.of(JsonFormatTest.counting()), Tier.PUBLIC, 2026,
            ScrubPolicy.defaults());

    private ScrubResult.Scrubbed scrub(final String input) {
        final ScrubResult result = scrubber.scrub(RecordKind.LOGS, input);
        assertThat(result).as(input).isInstanceOf(ScrubResult.Scrubbed.class);
        return (ScrubResult.Scrubbed) result;
    }

    static Stream<Arguments> rewritten() {
        return Stream.of(
                arguments("a plain line", "[I 2021-05-05 10:02:42.206 JupyterHub pages:402] jdoe@example.org is pending",
                        "[I 2021-05-05 10:02:42.206 JupyterHub pages:402] " + JDOE_EMAIL + " is pending"),
                arguments("a structured application line: user field, address, password field",
                        "{\"level\":\"info\",\"ts\":\"2021-05-05T10:04:00Z\",\"msg\":\"login\",\"user\":"
                                + "\"jane.roe@example.com\",\"remote\":\"[2001:db8::7]:51234\",\"password\":"
                                + "\"Tr0ub4dor&3\"}",
                        "{\"level\":\"info\",\"ts\":\"2021-05-05T10:04:00Z\",\"msg\":\"login\",\"user\":\""
                                + JANE_EMAIL + "\",\"remote\":\"[" + CLIENT_IPV6 + "]:51234\",\"password\":"
                                + REDACTED + "}"),
                arguments("Vector's kubernetes_logs: the pod's labels and name, the message",
                        "{\"file\":\"/var/log/pods/x.log\",\"kubernetes\":{\"pod_name\":\"jupyterhub-nb-jdoe-40example"
                                + "-2eorg\",\"pod_ip\":\"10.131.3.106\",\"pod_labels\":{\"hub.jupyter.org/username\":"
                                + "\"jdoe-40example-2eorg\"}},\"message\":\"Adding user jdoe@example.org\","
                                + "\"stream\":\"stderr\"}",
                        "{\"file\":\"/var/log/pods/x.log\",\"kubernetes\":{\"pod_name\":\"jupyterhub-nb-" + JDOE_ESCAPED
                                + "\",\"pod_ip\":\"" + POD_IP + "\",\"pod_labels\":{\"hub.jupyter.org/username\":\""
                                + JDOE_ESCAPED + "\"}},\"message\":\"Adding user " + JDOE_EMAIL + "\","
                                + "\"stream\":\"stderr\"}"),
                arguments("a message that holds the application's JSON line is read as JSON",
                        "{\"log\":\"{\\\"user\\\":\\\"jdoe\\\",\\\"token\\\":\\\"abc\\\",\\\"n\\\":1.50}\\n\","
                                + "\"stream\":\"stdout\"}",
                        "{\"log\":\"{\\\"user\\\":\\\"" + JDOE_NAME + "\\\",\\\"token\\\":\\\"[REDACTED:password]\\\","
                                + "\\\"n\\\":1.50}\\n\",\"stream\":\"stdout\"}"),
                arguments("a message that only looks like JSON is free text",
                        "{\"message\":\"{\\\"user\\\": jdoe@example.org\"}",
                        "{\"message\":\"{\\\"user\\\": " + JDOE_EMAIL + "\"}"),
                arguments("a line with braces that is not JSON is free text",
                        "{jdoe@example.org} logged in from 10.131.3.106",
                        "{" + JDOE_EMAIL + "} logged in from " + POD_IP),
                arguments("a JSON object followed by text is free text; the text detectors find the user name",
                        "{\"user\":\"jdoe\"} jdoe@example.org",
                        "{\"user\":\"" + JDOE_NAME + "\"} " + JDOE_EMAIL),
                arguments("a broken JSON line is free text: everything found anywhere is rewritten",
                        "  {\"user\":\"jdoe@example.org\",\"ip\":\"10.131.3.106\"",
                        "  {\"user\":\"" + JDOE_EMAIL + "\",\"ip\":\"" + POD_IP + "\""),
                arguments("a JSON array line is free text, as logs are objects or text",
                        "[\"jdoe@example.org\"]",
                        "[\"" + JDOE_EMAIL + "\"]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewritten")
    void rewritesByTheRules(final String name, final String input, final String expected) {
        assertThat(scrub(input).output()).isEqualTo(expected);
    }

    @Test
    void aLineThatTurnsOutNotToBeJsonCountsItsFindingsOnce() {
        assertThat(scrub("{\"a\":\"jdoe@example.org\",\"b\":\"jdoe@example.org\" oops").findings())
                .isEqualTo(FindingCounts.of(Map.of(FindingType.EMAIL, 2)));
        assertThat(scrub("{\"log\":\"{\\\"a\\\":\\\"jdoe@example.org\\\"\"}").findings())
                .isEqualTo(FindingCounts.of(Map.of(FindingType.EMAIL, 1)));
    }

    @Test
    void validJsonOverTheLimitsIsQuarantinedNotReadAsText() {
        assertThat(scrubber.scrub(RecordKind.LOGS, "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}"))
                .extracting(r -> ((ScrubResult.Failed) r).reason()).isEqualTo(JsonFormat.REASON_TOO_DEEP);
        // An embedded line shares the depth budget of its record.
        assertThat(scrubber.scrub(RecordKind.LOGS, "{\"a\":" + "{\"log\":".repeat(32) + "\"{\\\"b\\\":"
                + "[".repeat(32) + "]".repeat(32) + "}\"" + "}".repeat(32) + "}"))
                .extracting(r -> ((ScrubResult.Failed) r).reason()).isEqualTo(JsonFormat.REASON_TOO_DEEP);
        assertThat(scrubber.scrub(RecordKind.LOGS, "{\"n\":" + "1".repeat(1001) + "}"))
                .extracting(r -> ((ScrubResult.Failed) r).reason()).isEqualTo(JsonFormat.REASON_LIMIT);
    }
}
