package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubeSpawnerNameDetectorTest {

    /** Marks the start of an expected span in a table row; removed before detection. */
    private static final char OPEN = '«';
    /** Marks the end of an expected span. */
    private static final char CLOSE = '»';

    private final KubeSpawnerNameDetector detector = new KubeSpawnerNameDetector(NameTemplate.defaults());

    static Stream<Arguments> userNames() {
        return Stream.of(
                arguments("odh pod", "jupyterhub-nb-«jdoe-40example-2eorg»"),
                arguments("odh pod of the issue", "jupyterhub-nb-«tcoufal-40redhat-2ecom»"),
                arguments("odh claim", "jupyterhub-nb-«jdoe-40example-2eorg»-pvc"),
                arguments("metric label", "kube_pod_info{pod=\"jupyterhub-nb-«jdoe-40example-2eorg»\"} 1"),
                arguments("event object", "\"name\":\"jupyterhub-nb-«jdoe-40example-2eorg»\",\"namespace\""),
                arguments("event name", "\"name\":\"jupyterhub-nb-«jdoe-40example-2eorg».167c23baee4d0e1c\""),
                arguments("self link", "/api/v1/namespaces/opf-jupyterhub/events/jupyterhub-nb-"
                        + "«jdoe-40example-2eorg».167c23baee4d0e1c"),
                arguments("kubespawner pod", "jupyter-«jdoe-40example-2eorg»"),
                arguments("plain user", "Pod jupyter-«jdoe» is running"),
                arguments("plain user, digits", "claim-«007»"),
                arguments("claim", "pvc claim-«jdoe-40example-2eorg» bound"),
                arguments("claim of a named server", "pvc claim-«jdoe-40example-2eorg»--gpu bound"),
                arguments("named server", "jupyter-«jdoe-40example-2eorg»--gpu"),
                arguments("named server, escaped", "jupyter-«jdoe»--my-20server"),
                arguments("hyphen in user name", "jupyter-«j-2ddoe»"),
                arguments("dot in user name", "jupyter-«jane-2eroe»"),
                arguments("upper case escaped", "jupyter-«-4a-44oe»"),
                arguments("two-byte character", "jupyter-«j-c3-bcrgen»"),
                arguments("four-byte character", "jupyter-«x-f0-9f-98-80»"),
                arguments("DNS name", "jupyter-«jdoe».opf-jupyterhub.svc.cluster.local"),
                arguments("kubelet pod key", "\"jupyter-«jdoe»_opf-jupyterhub(7a27741f-a72d-4f0d)\""),
                arguments("upper-case letter ends a token", "jupyter-«jdoe»X"),
                arguments("encoded slash, upper hex", "%2Fpods%2Fjupyter-«jdoe»%2Flog"),
                arguments("encoded slash, lower hex", "%2fpods%2fjupyter-«jdoe»%2flog"),
                arguments("several", "claim-«jdoe» is mounted by jupyter-«jdoe», and claim-«jane-2eroe» by"
                        + " jupyterhub-nb-«jane-2eroe»"),
                arguments("name of 253 characters", "claim-«" + "a".repeat(247) + "»"),
                // Ambiguous by nature: the shape of a plain user name under a generic prefix. Reported on purpose.
                arguments("prose with a plain-name shape", "a claim-«based» policy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userNames")
    void findsUserNamesWithExactSpans(final String name, final String marked) {
        final String text = unmark(marked);
        assertThat(findings(text)).as(marked).containsExactlyElementsOf(expected(marked));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "jupyter",
        "jupyter-",
        "claim-",
        "claim- jdoe",
        "jupyterhub-nb-",
        "jupyterhub-nb--pvc",
        "jupyterhub-hub-7d9f8",
        "jupyterhub-1-x2b9k",
        "jupyterhub-db-1-deploy",
        "jupyter-notebook-controller",
        "jupyter-notebook-controller-deployment-7d9f8c6b5d-xk2lp",
        "jupyter-web-app-7d9f8c6b5d-xk2lp",
        "kube-apiserver-os-ctrl-0",
        "revision-pruner-22-os-ctrl-0",
        "system:serviceaccount:opf-jupyterhub:jupyterhub-hub",
        "jupyter-2021-05-05",           // -05 would be a control character
        "jupyter-hub-61",               // 'a' is never escaped
        "jupyter-x-de",                 // not UTF-8
        "jupyter-x-c3",                 // a character cut in two
        "jupyter-jdoe-4A",              // upper-case hex is not KubeSpawner's
        "jupyter-jdoe-pod",             // text after the name
        "jupyter-jdoe-",
        "jupyter-jdoe--",               // a named server without a name
        "jupyter-jdoe--gpu-",
        "jupyter--jdoe",
        "jupyter---40x",
        "my-claim-jdoe",                // the prefix is not at the start of the token
        "xjupyter-jdoe",
        "Jupyter-jdoe",
        "jupyter_jdoe",
        "jupyterhub-nb-jdoe-pvc2",
        "%2jupyter-jdoe",
    })
    void ignoresNearMisses(final String text) {
        assertThat(findings(text)).as(text).isEmpty();
    }

    @Test
    void ignoresATokenLongerThanAKubernetesName() {
        assertThat(findings("claim-" + "a".repeat(248))).isEmpty();
        assertThat(findings("x claim-" + "-40".repeat(100_000) + " y")).isEmpty();
    }

    @Test
    void theMostSpecificTemplateWins() {
        final KubeSpawnerNameDetector custom = new KubeSpawnerNameDetector(
                NameTemplate.parseAll(List.of("jupyter-{username}", "jupyter-nb-{username}")));
        final List<Finding> out = new ArrayList<>();
        custom.detect("jupyter-nb-2ejdoe jupyter-nb-jdoe jupyter-nb", out);
        assertThat(out).containsExactly(
                new Finding(FindingType.ESCAPED_USERNAME, 11, 17),
                new Finding(FindingType.ESCAPED_USERNAME, 29, 33),
                new Finding(FindingType.ESCAPED_USERNAME, 42, 44));
    }

    @Test
    void aTemplateWithServerNameAndSuffix() {
        final KubeSpawnerNameDetector custom = new KubeSpawnerNameDetector(
                List.of(NameTemplate.parse("hub-{username}-xyz-{servername}-data")));
        final String marked = "hub-«jdoe-40example-2eorg»-xyz-gpu-data hub-jdoe-xyz--data"
                + " hub-«j-2ddoe»-xyz-a-2db-data";
        final List<Finding> out = new ArrayList<>();
        custom.detect(unmark(marked), out);
        assertThat(out).containsExactlyElementsOf(expected(marked));
    }

    @Test
    void everyFindingIsAnEscapedUserName() {
        final String[] units = {"jupyter-", "jupyterhub-nb-", "claim-", "-pvc", "--", "-", "-40", "-2e", "-2d",
            "-c3", "-bc", "-de", "-61", "-0a", "jdoe", "a", "0", "f", ".", "\"", " ", "%2f", "/", "X"};
        final Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            final StringBuilder sb = new StringBuilder();
            final int parts = random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                sb.append(units[random.nextInt(units.length)]);
            }
            final String text = sb.toString();
            for (final Finding finding : findings(text)) {
                assertThat(finding.type()).isEqualTo(FindingType.ESCAPED_USERNAME);
                assertThat(KubeSpawnerEscape.unescape(text.substring(finding.start(), finding.end())))
                        .as(text).isPresent();
            }
        }
    }

    @Test
    void rejectsAnEmptyOrNullTemplateList() {
        assertThatIllegalArgumentException().isThrownBy(() -> new KubeSpawnerNameDetector(List.of()))
                .withMessageContaining("at least one name template");
        assertThatNullPointerException().isThrownBy(() -> new KubeSpawnerNameDetector(null));
    }

    @Test
    void toleratesNullArguments() {
        final List<Finding> out = new ArrayList<>();
        detector.detect(null, out);
        detector.detect("claim-jdoe", null);
        assertThat(out).isEmpty();
    }

    private List<Finding> findings(final String text) {
        final List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        return out;
    }

    private static String unmark(final String marked) {
        return marked.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
    }

    /** The spans between the markers, in indices of the text without them. */
    private static List<Finding> expected(final String marked) {
        final List<Finding> spans = new ArrayList<>();
        int removed = 0;
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            final char c = marked.charAt(i);
            if (c == OPEN) {
                start = i - removed;
                removed++;
            } else if (c == CLOSE) {
                spans.add(new Finding(FindingType.ESCAPED_USERNAME, start, i - removed));
                removed++;
            }
        }
        return spans;
    }
}
