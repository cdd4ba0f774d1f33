package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    void theOAuthClientOfAUsersServerJoinsWithTheUsersPod() {
        final String output = scrub(RecordKind.LOGS, "302 GET /hub/api/oauth2/authorize?client_id=jupyterhub-user-jdoe"
                + "&response_type=code pod=jupyter-jdoe claim=claim-jdoe-40example-2eorg"
                + " client=jupyterhub-user-jdoe-40example-2eorg").output();

        assertThat(output).doesNotContain("jdoe", "example");
        final String client = output.substring(output.indexOf("client_id=jupyterhub-user-") + 26, output.indexOf('&'));
        assertThat(output).contains(" pod=jupyter-" + client + " ");
        final String claim = output.substring(output.indexOf("claim=claim-") + 12, output.indexOf(" client="));
        assertThat(output).endsWith(" client=jupyterhub-user-" + claim);
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

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZG9lIn0.c2lnbmF0dXJlLW5vdC1yZWFs";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        # log line | scrubbed
        GET /hub/api/authorizations/token/b7Hn3Jk9Lp2Qw5Er8Ty1 200 | GET /hub/api/authorizations/token/[REDACTED:bearer-token] 200
        302 /cb?code=kx92mAq7ZtW4eR1yU8sD&state=Zq1Wx2Ec3Rv4Tb5Yn6Um x | 302 /cb?code=[REDACTED:oauth-parameter]&state=[REDACTED:oauth-parameter] x
        login password=jdoe@example.org ok | login password=[REDACTED:password] ok
        {"password":"Tr0ub4dor&3","ok":true} | {"password":"[REDACTED:password]","ok":true}
        dsn=postgres://jdoe@example.org:s3cr3t@db.example.org/x | dsn=postgres://REDACTED:url-credentials@db.example.org/x
        dsn=redis://:s3cr3t@cache.example.org:6379 | dsn=redis://REDACTED:url-credentials@cache.example.org:6379
        token=192.0.2.1 | token=[REDACTED:password]
        key AKIAIOSFODNN7EXAMPLE used | key [REDACTED:aws-access-key] used
        Authorization: Bearer sha256~Q2hhbmdlVGhpc0lzTm90QVJlYWxUb2tlbkF0QWxsMTI | Authorization: Bearer [REDACTED:openshift-token]
        """)
    void secretsBecomeTypedMarkersAndWinOverPersonalData(final String text, final String expected) {
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, text);
        assertThat(result.output()).isEqualTo(expected);
        assertThat(result.findings().get(FindingType.EMAIL)).isZero();
        assertThat(result.findings().get(FindingType.IPV4)).isZero();
    }

    @Test
    void anAddressNextToUrlCredentialsIsStillPseudonymized() {
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, "dsn=redis://:s3cr3t@192.0.2.10:6379");
        assertThat(result.output()).matches("dsn=redis://REDACTED:url-credentials@\\d+\\.\\d+\\.\\d+\\.\\d+:6379")
                .doesNotContain("192.0.2.10", "s3cr3t");
        assertThat(result.findings().get(FindingType.IPV4)).isEqualTo(1);
    }

    @Test
    void anAuditLineKeepsItsSchemeAndPseudonymizesItsAddresses() {
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, "I0505 10:04:11.000001 1 audit.go:42] "
                + "sourceIPs=[\"192.0.2.1\"] authorization=\"Bearer " + JWT + "\"");
        assertThat(result.output())
                .startsWith("I0505 10:04:11.000001 1 audit.go:42] sourceIPs=[\"")
                .endsWith("\"] authorization=\"Bearer [REDACTED:jwt]\"")
                .doesNotContain("192.0.2.1", "eyJ");
        assertThat(result.findings().get(FindingType.JWT)).isEqualTo(1);
        assertThat(result.findings().get(FindingType.IPV4)).isEqualTo(1);
    }

    @Test
    void aPrivateKeyGoesWholeAndTheRestIsScrubbed() {
        final String text = "{\"msg\":\"key for jdoe@example.org\",\"key\":\"-----BEGIN RSA PRIVATE KEY-----\\n"
                + "MIIEowIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----\\n\"}";
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, text);
        assertThat(result.output()).matches("\\{\"msg\":\"key for " + EMAIL_PSEUDONYM
                + "\",\"key\":\"\\[REDACTED:private-key]\\\\n\"}");
        assertThat(result.findings().get(FindingType.PRIVATE_KEY)).isEqualTo(1);
    }

    @Test
    void theOAuthRedirectOfTheSeedKeepsNoSecretAndNoIdentity() {
        final String text = "[I 2021-05-05 10:03:01.023 JupyterHub log:189] 302 GET /hub/api/oauth2/authorize?client_id="
                + "jupyterhub-user-jdoe%2540example.org&redirect_uri=%2Fuser%2Fjdoe%40example.org%2Foauth_callback"
                + "&response_type=code&state=3f8bV0xQ1rT9wLmN2kP7 -> /user/jdoe@example.org/oauth_callback?code="
                + "kx92mAq7ZtW4eR1yU8sD&state=Zq1Wx2Ec3Rv4Tb5Yn6Um (jdoe@example.org@::ffff:10.131.0.1) 34.50ms";
        final ScrubResult.Scrubbed result = scrub(RecordKind.LOGS, text);
        assertThat(result.output())
                .contains("&response_type=code&state=[REDACTED:oauth-parameter] -> /user/u")
                .contains("/oauth_callback?code=[REDACTED:oauth-parameter]&state=[REDACTED:oauth-parameter] (u")
                .doesNotContain("3f8bV0xQ1rT9wLmN2kP7", "kx92mAq7ZtW4eR1yU8sD", "Zq1Wx2Ec3Rv4Tb5Yn6Um", "jdoe",
                        "10.131.0.1");
        assertThat(result.findings().get(FindingType.OAUTH_PARAMETER)).isEqualTo(3);
    }

    @Test
    void aMetricLabelOrDocstringWithASecretIsRedacted() {
        final String sample = "# HELP app_info Built with token ghp_EXAMPLE0example1EXAMPLE2example3EXAM.\n"
                + "app_info{dsn=\"postgres://app:s3cr3t@db.example.org/x\",auth=\"Bearer " + JWT + "\"} 1\n";
        final ScrubResult.Scrubbed result = scrub(RecordKind.METRICS, sample);
        assertThat(result.output()).isEqualTo("# HELP app_info Built with token [REDACTED:github-token].\n"
                + "app_info{dsn=\"postgres://REDACTED:url-credentials@db.example.org/x\","
                + "auth=\"Bearer [REDACTED:jwt]\"} 1\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "password=hunter2 token=\"abc\" https://u:p@db.example.org/ Bearer abcdefghijklmnop1234",
        "{\"password\":\"x\",\"client_secret\":\"y\"} -----BEGIN PRIVATE KEY-----\nMII",
        "/cb?code=abc&state=def " + JWT + " AKIAIOSFODNN7EXAMPLE",
    })
    void scrubbingRedactedTextAgainChangesNothing(final String text) {
        final String once = scrub(RecordKind.LOGS, text).output();
        assertThat(once).isNotEqualTo(text);
        assertThat(scrub(RecordKind.LOGS, once).output()).isEqualTo(once);
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
