package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/** The scrubber end to end on text: detection, overlap resolution and rewriting together. */
class ScrubberTest {

    private static final String EMAIL_PSEUDONYM = "u[a-z2-7]{12}@d[a-z2-7]{8}\\.invalid";
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private static final MasterSecret SECRET = MasterSecret.of(counting());

    private final Scrubber scrubber = Scrubber.create(SECRET, Tier.PUBLIC, 2026);

    private static byte[] counting() {
        final byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        return secret;
    }

    /** KubeSpawner's escaping of a pseudonym, written out by hand: pseudonyms hold only a-z, 0-9, '@' and '.'. */
    private static String escaped(final String pseudonym) {
        return pseudonym.replace("@", "-40").replace(".", "-2e");
    }

    private ScrubResult.Scrubbed scrub(final RecordKind kind, final String text) {
        final ScrubResult result = scrubber.scrub(kind, text);
        assertThat(result).as(text).isInstanceOf(ScrubResult.Scrubbed.class);
        return (ScrubResult.Scrubbed) result;
    }

    @Test
    void onePersonGetsOnePseudonymInEveryRepresentation() {
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, "user=jdoe@example.org"
                + " url=/hub/login?u=jdoe%40example.org"
                + " pod=jupyterhub-nb-jdoe-40example-2eorg"
                + " pvc=claim-jdoe-40example-2eorg");

        final String output = result.output();
        final String p = output.substring("user=".length(), output.indexOf(' '));
        assertThat(p).matches(EMAIL_PSEUDONYM);
        assertThat(output).isEqualTo("user=" + p
                + " url=/hub/login?u=" + p.replace("@", "%40")
                + " pod=jupyterhub-nb-" + escaped(p)
                + " pvc=claim-" + escaped(p));
        assertThat(output).doesNotContain("jdoe", "example-2eorg", "example.org");
        assertThat("jupyterhub-nb-" + escaped(p)).matches(DNS_LABEL);
        assertThat(result.findings().get(FindingType.EMAIL)).isEqualTo(2);
        assertThat(result.findings().get(FindingType.ESCAPED_USERNAME)).isEqualTo(2);
    }

    @Test
    void anUpperCaseUserNameIsTheSamePerson() {
        // KubeSpawner escapes upper-case letters: J is -4a, D is -44.
        final String lower = scrub(RecordKind.LOGS, "jupyter-jdoe-40example-2eorg").output();
        final String upper = scrub(RecordKind.LOGS, "jupyter--4a-44oe-40example-2eorg").output();
        assertThat(upper).isEqualTo(lower);
    }

    @Test
    void aPlainUserNameBecomesAPlainPseudonym() {
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, "Pod jupyter-jdoe is running");
        assertThat(result.output()).matches("Pod jupyter-u[a-z2-7]{12} is running");
        assertThat(result.findings().get(FindingType.ESCAPED_USERNAME)).isEqualTo(1);
        final String claim = scrub(RecordKind.LOGS, "claim-jdoe").output();
        assertThat(claim.substring("claim-".length()))
                .isEqualTo(result.output().substring("Pod jupyter-".length(), "Pod jupyter-".length() + 13));
    }

    @Test
    void aNamedServerKeepsItsServerName() {
        final String p = scrub(RecordKind.LOGS, "jdoe@example.org").output();
        assertThat(scrub(RecordKind.LOGS, "jupyter-jdoe-40example-2eorg--gpu").output())
                .isEqualTo("jupyter-" + escaped(p) + "--gpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jupyterhub-hub-7d9f8",
        "jupyter-notebook-controller",
        "jupyter-notebook-controller-deployment-7d9f8c6b5d-xk2lp",
        "kube-apiserver-os-ctrl-0",
        "revision-pruner-22-os-ctrl-0",
        "claim-",
        "jupyter-",
        "system:serviceaccount:opf-jupyterhub:jupyterhub-hub has no redirectURIs",
    })
    void leavesPlatformNamesAlone(final String text) {
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, text);
        assertThat(result.output()).isEqualTo(text);
        assertThat(result.findings()).isEqualTo(FindingCounts.none());
    }

    @Test
    void anEventNameKeepsItsSuffix() {
        final String event = "{\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"jupyterhub-nb-jdoe-40example-2eorg\","
                + "\"namespace\":\"opf-jupyterhub\"},\"metadata\":{\"name\":"
                + "\"jupyterhub-nb-jdoe-40example-2eorg.167c23baee4d0e1c\",\"selfLink\":\"/api/v1/namespaces/"
                + "opf-jupyterhub/events/jupyterhub-nb-jdoe-40example-2eorg.167c23baee4d0e1c\"},"
                + "\"message\":\"Add eth0 [10.131.3.106/23]\"}";
        final ScrubResult.Scrubbed result = scrub(RecordKind.EVENTS, event);
        final String pod = "jupyterhub-nb-" + escaped(scrub(RecordKind.LOGS, "jdoe@example.org").output());
        assertThat(result.output())
                .contains("\"name\":\"" + pod + "\",")
                .contains("\"name\":\"" + pod + ".167c23baee4d0e1c\"")
                .contains("/events/" + pod + ".167c23baee4d0e1c\"")
                .doesNotContain("jdoe", "example", "10.131.3.106")
                .endsWith("/23]\"}");
        assertThat(result.findings().get(FindingType.ESCAPED_USERNAME)).isEqualTo(3);
    }

    @Test
    void aMetricLabelIsRewritten() {
        final String sample = "kube_pod_info{namespace=\"opf-jupyterhub\",pod=\"jupyterhub-nb-jdoe-40example-2eorg\","
                + "pod_ip=\"10.131.3.106\",node=\"os-wrk-1\"} 1";
        final ScrubResult.Scrubbed result = scrub(RecordKind.METRICS, sample);
        final String pod = "jupyterhub-nb-" + escaped(scrub(RecordKind.LOGS, "jdoe@example.org").output());
        assertThat(result.output())
                .startsWith("kube_pod_info{namespace=\"opf-jupyterhub\",pod=\"" + pod + "\",pod_ip=\"")
                .endsWith("\",node=\"os-wrk-1\"} 1")
                .doesNotContain("jdoe", "10.131.3.106");
    }

    @Test
    void tiersDoNotShareAPseudonym() {
        final Scrubber sanitized = Scrubber.create(SECRET, Tier.SANITIZED, 2026);
        final String text = "claim-jdoe-40example-2eorg";
        assertThat(sanitized.scrubText(text)).isNotEqualTo(scrubber.scrubText(text));
    }

    @Test
    void neverThrows() {
        final String[] pieces = {"jupyter-", "jupyterhub-nb-", "claim-", "-pvc", "--", "-40", "-2e", "-c3", "-bc",
            "-de", "-4a", "jdoe", "example", "org", "@", "%40", "%2f", ".", "\"", " ", "-", "a", "0", "::1", "10.0.0.1",
            "\ud800", "é", "{", "}"};
        final Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            final StringBuilder sb = new StringBuilder();
            final int count = random.nextInt(16);
            for (int k = 0; k < count; k++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            final String text = sb.toString();
            assertThatNoException().as(text).isThrownBy(() -> scrubber.scrubText(text));
            final ScrubResult result = scrubber.scrubText(text);
            assertThat(result).as(text).isInstanceOf(ScrubResult.Scrubbed.class);
        }
        assertThatNoException().isThrownBy(() -> scrubber.scrubText("claim-" + "-40".repeat(100_000)));
        assertThatNoException().isThrownBy(() -> scrubber.scrubText("jupyter-a--".repeat(100_000)));
    }
}
