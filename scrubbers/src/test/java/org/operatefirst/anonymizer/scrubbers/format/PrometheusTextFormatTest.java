package org.operatefirst.anonymizer.scrubbers.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

/** Prometheus and OpenMetrics exposition text through the scrubber: exact outputs, near misses, rejections. */
class PrometheusTextFormatTest {

    private static final MasterSecret SECRET = MasterSecret.of(counting());

    // The pseudonyms of the fictional identities under SECRET, public tier, epoch 2026; checked against log text
    // in pseudonymsAreTheOnesOfLogText.
    private static final String JDOE_EMAIL = "uagud7ktibcxm@dqzri27d7.invalid";
    private static final String JDOE_ESCAPED = "uagud7ktibcxm-40dqzri27d7-2einvalid";
    private static final String JDOE_NAME = "ualm3xjqybxes";
    private static final String HOST_IP = "208.198.17.128";
    private static final String POD_IP = "66.253.248.7";
    private static final String NODE_IP = "66.252.13.18";
    private static final String CLIENT_IP = "220.192.50.44";

    private static final String SPAWN_HISTOGRAM = String.join("\n",
            "# HELP jupyterhub_server_spawn_duration_seconds time taken for server spawning operation",
            "# TYPE jupyterhub_server_spawn_duration_seconds histogram",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"0.5\",status=\"success\"} 0.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"1.0\",status=\"success\"} 0.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"2.5\",status=\"success\"} 0.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"5.0\",status=\"success\"} 0.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"10.0\",status=\"success\"} 1.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"15.0\",status=\"success\"} 8.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"30.0\",status=\"success\"} 27.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"60.0\",status=\"success\"} 42.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"120.0\",status=\"success\"} 52.0",
            "jupyterhub_server_spawn_duration_seconds_bucket{le=\"+Inf\",status=\"success\"} 57.0",
            "jupyterhub_server_spawn_duration_seconds_count{status=\"success\"} 57.0",
            "jupyterhub_server_spawn_duration_seconds_sum{status=\"success\"} 3389.5434402088904",
            "");

    private final Scrubber scrubber = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.defaults());

    private static byte[] counting() {
        final byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        return secret;
    }

    private static String kubePodInfo(final String hostIp, final String podIp) {
        // As kube-state-metrics samples are shown in the console: a blank after each comma.
        return "kube_pod_info{container=\"kube-rbac-proxy-main\", created_by_kind=\"\", created_by_name=\"\", "
                + "endpoint=\"https-main\", host_ip=\"" + hostIp + "\", job=\"kube-state-metrics\", "
                + "namespace=\"openshift-etcd\", node=\"os-ctrl-0\", pod=\"revision-pruner-5-os-ctrl-0\", pod_ip=\""
                + podIp + "\", priority_class=\"system-node-critical\", service=\"kube-state-metrics\", "
                + "uid=\"c5a1bc73-f28b-4e0f-9cc6-c2c7abd5b0b8\"} 1";
    }

    private static String cadvisor(final String user, final String node) {
        return "container_memory_working_set_bytes{namespace=\"opf-jupyterhub\",pod=\"jupyterhub-nb-" + user
                + "\",container=\"notebook\",instance=\"" + node + ":10250\"} 2.4117248e+08 1620209251000";
    }

    private ScrubResult.Scrubbed scrub(final String input) {
        final ScrubResult result = scrubber.scrub(RecordKind.METRICS, input);
        assertThat(result).as(input).isInstanceOf(ScrubResult.Scrubbed.class);
        return (ScrubResult.Scrubbed) result;
    }

    static Stream<Arguments> rewritten() {
        return Stream.of(
                arguments("kube_pod_info: host and pod addresses",
                        kubePodInfo("203.0.113.110", "10.130.0.7"),
                        kubePodInfo(HOST_IP, POD_IP)),
                arguments("cAdvisor: pod name and instance address, value and timestamp kept",
                        cadvisor("jdoe-40example-2eorg", "10.131.3.21"),
                        cadvisor(JDOE_ESCAPED, NODE_IP)),
                arguments("kube_pod_labels: an escaped user name label matches the pod name",
                        "kube_pod_labels{namespace=\"opf-jupyterhub\",pod=\"jupyterhub-nb-jdoe-40example-2eorg\","
                                + "label_hub_jupyter_org_username=\"jdoe-40example-2eorg\"} 1",
                        "kube_pod_labels{namespace=\"opf-jupyterhub\",pod=\"jupyterhub-nb-" + JDOE_ESCAPED + "\","
                                + "label_hub_jupyter_org_username=\"" + JDOE_ESCAPED + "\"} 1"),
                arguments("a raw email in a user name label",
                        "kube_pod_annotations{annotation_hub_jupyter_org_username=\"jdoe@example.org\"} 1",
                        "kube_pod_annotations{annotation_hub_jupyter_org_username=\"" + JDOE_EMAIL + "\"} 1"),
                arguments("OpenShift's project requester, as kube-state-metrics exposes it",
                        "kube_namespace_annotations{namespace=\"x\",annotation_openshift_io_requester=\"jdoe\"} 1",
                        "kube_namespace_annotations{namespace=\"x\",annotation_openshift_io_requester=\"" + JDOE_NAME
                                + "\"} 1"),
                arguments("a plain user name label, any case of its name",
                        "jupyterhub_active_users{User=\"jdoe\"} 1",
                        "jupyterhub_active_users{User=\"" + JDOE_NAME + "\"} 1"),
                arguments("a plain user name with no escape in a user name label",
                        "kube_pod_labels{label_hub_jupyter_org_username=\"jdoe\"} 1",
                        "kube_pod_labels{label_hub_jupyter_org_username=\"" + JDOE_NAME + "\"} 1"),
                arguments("escapes around an email are kept",
                        "app_info{motd=\"say \\\"hi\\\" to \\\\jdoe@example.org\\\\\\nbye\"} 1",
                        "app_info{motd=\"say \\\"hi\\\" to \\\\" + JDOE_EMAIL + "\\\\\\nbye\"} 1"),
                arguments("an email quoted by escapes",
                        "app_info{owner_email=\"\\\"jdoe@example.org\\\"\"} 1",
                        "app_info{owner_email=\"\\\"" + JDOE_EMAIL + "\\\"\"} 1"),
                arguments("an exemplar: trace id kept, address rewritten",
                        "# TYPE foo histogram\n"
                                + "foo_bucket{le=\"1\"} 11 # {trace_id=\"KOO5S4vxi0o\",client_ip=\"192.0.2.44\"} 0.67"
                                + " 1620209251.000\n# EOF\n",
                        "# TYPE foo histogram\n"
                                + "foo_bucket{le=\"1\"} 11 # {trace_id=\"KOO5S4vxi0o\",client_ip=\"" + CLIENT_IP
                                + "\"} 0.67 1620209251.000\n# EOF\n"),
                arguments("CRLF line ends are kept",
                        "# TYPE up gauge\r\nup{instance=\"10.131.3.21:9100\"} 1\r\nup{instance=\"x\"} 0\r\n",
                        "# TYPE up gauge\r\nup{instance=\"" + NODE_IP + ":9100\"} 1\r\nup{instance=\"x\"} 0\r\n"),
                arguments("no trailing newline is kept",
                        "up{instance=\"10.131.3.21:9100\"} 1",
                        "up{instance=\"" + NODE_IP + ":9100\"} 1"),
                arguments("a HELP docstring is free text",
                        "# HELP foo Ask jdoe@example.org or \"ops\" \\\\ now\\n.\nfoo 1\n",
                        "# HELP foo Ask " + JDOE_EMAIL + " or \"ops\" \\\\ now\\n.\nfoo 1\n"),
                arguments("a HELP docstring that escapes quotes keeps escaping them",
                        "# HELP foo Ask \\\"jdoe@example.org\\\".\n",
                        "# HELP foo Ask \\\"" + JDOE_EMAIL + "\\\".\n"),
                arguments("another comment is free text",
                        "# scraped from 10.131.3.21\nfoo 1\n",
                        "# scraped from " + NODE_IP + "\nfoo 1\n"),
                arguments("secret labels are redacted, an empty one kept, a Secret's name kept",
                        "app_info{password=\"hunter2\",Client_Secret=\"x\",bearer_token=\"\","
                                + "secret=\"builder-dockercfg-x2b9k\"} 1",
                        "app_info{password=\"[REDACTED:password]\",Client_Secret=\"[REDACTED:password]\","
                                + "bearer_token=\"\",secret=\"builder-dockercfg-x2b9k\"} 1"),
                arguments("blanks around every label token are kept",
                        "spaced { a = \"10.131.3.21\" ,\tb=\"2\" , } 1",
                        "spaced { a = \"" + NODE_IP + "\" ,\tb=\"2\" , } 1"),
                arguments("a JSON sample of prometheus-kafka-adapter is scanned as text",
                        "{\"labels\":{\"__name__\":\"up\",\"instance\":\"10.131.3.21:9100\"},\"name\":\"up\","
                                + "\"timestamp\":\"2021-05-05T10:07:31Z\",\"value\":\"1\"}",
                        "{\"labels\":{\"__name__\":\"up\",\"instance\":\"" + NODE_IP + ":9100\"},\"name\":\"up\","
                                + "\"timestamp\":\"2021-05-05T10:07:31Z\",\"value\":\"1\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewritten")
    void rewritesOnlyWhatHoldsPersonalData(final String name, final String input, final String expected) {
        assertThat(scrub(input).output()).isEqualTo(expected);
    }

    static Stream<Arguments> kept() {
        return Stream.of(
                arguments("the seed's histogram", SPAWN_HISTOGRAM),
                arguments("the seed's histogram with CRLF", SPAWN_HISTOGRAM.replace("\n", "\r\n")),
                arguments("the seed's histogram without its last newline",
                        SPAWN_HISTOGRAM.substring(0, SPAWN_HISTOGRAM.length() - 1)),
                arguments("OpenMetrics with UNIT, _created and EOF", String.join("\n",
                        "# TYPE acme_http_router_request_seconds summary",
                        "# UNIT acme_http_router_request_seconds seconds",
                        "# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.",
                        "acme_http_router_request_seconds_sum{path=\"/api/v1\",method=\"GET\"} 9036.32",
                        "acme_http_router_request_seconds_count{path=\"/api/v1\",method=\"GET\"} 807283.0",
                        "acme_http_router_request_seconds_created{path=\"/api/v1\",method=\"GET\"} 1605281325.0",
                        "# TYPE process_cpu_seconds counter",
                        "# UNIT process_cpu_seconds seconds",
                        "process_cpu_seconds_total 4.20072246e+06",
                        "foo_created  1520430000.123",
                        "# EOF")),
                arguments("exemplars without labels or timestamp", String.join("\n",
                        "foo_bucket{le=\"0.1\"} 8 # {} 0.054",
                        "foo_bucket{le=\"10\"} 17 # {trace_id=\"oHg5SJYRHA0\"} 9.8 1520879607.789",
                        "")),
                arguments("non-finite values and signed timestamps", String.join("\n",
                        "a NaN", "b +Inf", "c -Inf", "d inf", "e Infinity", "f -1e-05 -1620209251000",
                        "g{} .5 +1620209251000", "h 1. 0", "i 0042", "j 1E+06", "")),
                arguments("blank lines, blanks and tabs", "\n  \n\t foo \t 1 \t \n\n"),
                arguments("comments and metadata without personal data", String.join("\n",
                        "# a comment", "#", "#HELP foo", "# TYPE foo untyped", "# TYPE f GAUGE", "# UNIT foo",
                        "# HELP bar", "# TYPE g gaugehistogram", "# TYPE s stateset", "# TYPE i info", "# EOF now",
                        "")),
                arguments("values near an address or a name", String.join("\n",
                        "kubernetes_build_info{git_version=\"v1.20.0+bafe72f\",major=\"1\",minor=\"20\"} 1",
                        "x{le=\"10.0\",quantile=\"0.99\",version=\"4.7.0-0.okd-2021-04-24-103438\"} 1",
                        "x{uid=\"721d7288-3b7a-4460-be92-bea36e3539fa\",node=\"os-ctrl-0\"} 1",
                        "x{pod=\"jupyterhub-hub-7d9f8\",sa=\"system:serviceaccount:opf-jupyterhub:jupyterhub-hub\"} 1",
                        "x{user=\"system:serviceaccount:opf-monitoring:grafana\",user_name=\"\"} 1",
                        "x{path=\"/hub/api\",le=\"+Inf\",empty=\"\",nul=\"a\u0000b\",cr=\"a\rb\"} 1",
                        "kube_secret_info{namespace=\"opf-jupyterhub\",secret=\"hub-token-x2b9k\"} 1",
                        "")),
                arguments("the empty record", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kept")
    void keepsTextWithoutPersonalDataByteForByte(final String name, final String input) {
        final ScrubResult.Scrubbed result = scrub(input);
        assertThat(result.output()).isEqualTo(input);
        assertThat(result.findings()).isEqualTo(FindingCounts.none());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("unbalanced quote", "foo{a=\"b} 1", "line 1: unterminated label value"),
                arguments("escaped closing quote", "foo{a=\"b\\\"} 1", "line 1: unterminated label value"),
                arguments("backslash before the line end", "foo{a=\"b\\", "line 1: unterminated label value"),
                arguments("value across lines", "foo{a=\"jdoe\nexample.org\"} 1",
                        "line 1: unterminated label value"),
                arguments("undefined escape", "foo{a=\"b\\tc\"} 1",
                        "line 1: invalid escape sequence in a label value"),
                arguments("missing value", "foo{a=\"b\"}", "line 1: expected a number as the value"),
                arguments("missing value after blanks", "foo  ", "line 1: expected a number as the value"),
                arguments("value is a word", "foo{a=\"b\"} jdoe@example.org",
                        "line 1: expected a number as the value"),
                arguments("value is a dotted quad", "foo 10.131.3.21", "line 1: expected a number as the value"),
                arguments("hexadecimal value", "foo 0x1p3", "line 1: expected a number as the value"),
                arguments("value with underscores", "foo 1_000", "line 1: expected a number as the value"),
                arguments("signed NaN", "foo -NaN", "line 1: expected a number as the value"),
                arguments("exponent without digits", "foo 1e", "line 1: expected a number as the value"),
                arguments("a lone sign", "foo +", "line 1: expected a number as the value"),
                arguments("infinite timestamp", "foo 1 Inf", "line 1: expected a number as the timestamp"),
                arguments("text after the timestamp", "foo 1 2 jdoe",
                        "line 1: unexpected text after the timestamp"),
                arguments("unclosed label set", "foo{a=\"b\" 1", "line 1: expected ',' or '}' after a label value"),
                arguments("unclosed label set at line end", "foo{", "line 1: unclosed label set"),
                arguments("missing '='", "foo{a \"b\"} 1", "line 1: expected '=' after a label name"),
                arguments("unquoted label value", "foo{a=b} 1", "line 1: expected '\"' to open a label value"),
                arguments("two commas", "foo{a=\"b\",,} 1", "line 1: expected a label name"),
                arguments("label name starting with a digit", "foo{1a=\"b\"} 1", "line 1: expected a label name"),
                arguments("label name with a colon", "foo{a:b=\"c\"} 1", "line 1: expected '=' after a label name"),
                arguments("metric name with a hyphen", "foo-bar 1",
                        "line 1: expected a blank or '{' after the metric name"),
                arguments("metric name starting with a digit", "1foo 1", "line 1: expected a metric name or '#'"),
                arguments("quoted UTF-8 metric name", "{\"foo.bar\",user=\"jdoe\"} 1",
                        "line 1: expected a metric name or '#'"),
                arguments("a JSON array", "[{\"name\":\"up\"}]", "line 1: expected a metric name or '#'"),
                arguments("a log line", "jdoe@example.org logged in",
                        "line 1: expected a blank or '{' after the metric name"),
                arguments("exemplar without a label set", "foo 1 # 1",
                        "line 1: expected a label set after '#'"),
                arguments("exemplar without a value", "foo 1 # {a=\"b\"}",
                        "line 1: expected a number as the exemplar value"),
                arguments("exemplar with an unbalanced quote", "foo 1 # {a=\"b} 1",
                        "line 1: unterminated label value"),
                arguments("text after the exemplar", "foo 1 # {a=\"b\"} 1 2 3",
                        "line 1: unexpected text after the exemplar"),
                arguments("unknown type", "# TYPE foo bogus",
                        "line 1: a TYPE line needs a metric name and a known type"),
                arguments("type without a name", "# TYPE", "line 1: a TYPE line needs a metric name"),
                arguments("type with a trailing word", "# TYPE foo gauge jdoe",
                        "line 1: a TYPE line needs a metric name and a known type"),
                arguments("help without a name", "# HELP ", "line 1: a HELP line needs a metric name"),
                arguments("help with a bad name", "# HELP foo-bar x",
                        "line 1: expected a blank after the metric name of a HELP line"),
                arguments("help with an undefined escape", "# HELP foo a\\tb",
                        "line 1: invalid escape sequence in a HELP line"),
                arguments("help ending in a backslash", "# HELP foo a\\",
                        "line 1: invalid escape sequence in a HELP line"),
                arguments("unit with two words", "# UNIT foo_seconds seconds jdoe",
                        "line 1: a UNIT line needs a metric name and a unit"),
                arguments("the bad line is named", "# TYPE foo gauge\r\nfoo 1\r\n\r\nfoo{a=\"b} 2\r\n",
                        "line 4: unterminated label value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWhatItCannotParse(final String name, final String input, final String detail) {
        assertThat(scrubber.scrub(RecordKind.METRICS, input))
                .isEqualTo(new ScrubResult.Failed(PrometheusTextFormat.REASON_NOT_EXPOSITION, detail));
    }

    private String text(final String text) {
        return ((ScrubResult.Scrubbed) scrubber.scrubText(text)).output();
    }

    @Test
    void pseudonymsAreTheOnesOfLogText() {
        assertThat(text("jdoe@example.org")).isEqualTo(JDOE_EMAIL);
        assertThat(text("pod jupyterhub-nb-jdoe-40example-2eorg")).isEqualTo("pod jupyterhub-nb-" + JDOE_ESCAPED);
        assertThat(text("claim-jdoe")).isEqualTo("claim-" + JDOE_NAME);
        assertThat(text("203.0.113.110 10.130.0.7 10.131.3.21 192.0.2.44"))
                .isEqualTo(HOST_IP + " " + POD_IP + " " + NODE_IP + " " + CLIENT_IP);
    }

    @Test
    void anUpperCaseEscapedUserNameIsTheSamePerson() {
        // KubeSpawner escapes J as -4a and D as -44.
        assertThat(scrub("x{label_hub_jupyter_org_username=\"-4a-44oe-40example-2eorg\"} 1").output())
                .isEqualTo("x{label_hub_jupyter_org_username=\"" + JDOE_ESCAPED + "\"} 1");
    }

    @Test
    void countsWhatItRewrites() {
        final ScrubResult.Scrubbed result = scrub(String.join("\n",
                "# HELP x Owner jdoe@example.org",
                kubePodInfo("203.0.113.110", "10.130.0.7"),
                "x{label_hub_jupyter_org_username=\"jdoe-40example-2eorg\",user=\"jdoe\",token=\"t\"} 1"
                        + " # {client_ip=\"192.0.2.44\"} 1"));
        assertThat(result.findings()).isEqualTo(FindingCounts.of(Map.of(FindingType.EMAIL, 1, FindingType.IPV4, 3,
                FindingType.ESCAPED_USERNAME, 1, FindingType.USERNAME, 1, FindingType.PASSWORD, 1)));
    }

    @Test
    void aPolicyNamesTheUserNameLabels() {
        final Scrubber custom = Scrubber.create(SECRET, Tier.PUBLIC, 2026,
                ScrubPolicy.fromMap(Map.of("username-fields", List.of("Requester"))));
        assertThat(custom.scrub(RecordKind.METRICS, "x{requester=\"jdoe\",user=\"rroe\"} 1"))
                .isEqualTo(new ScrubResult.Scrubbed("x{requester=\"" + JDOE_NAME + "\",user=\"rroe\"} 1",
                        FindingCounts.of(Map.of(FindingType.USERNAME, 1))));
    }

    @Test
    void distinctSeriesStayDistinct() {
        final StringBuilder input = new StringBuilder("# TYPE kube_pod_info gauge\n");
        for (int i = 0; i < 1000; i++) {
            input.append("kube_pod_info{namespace=\"opf-jupyterhub\",pod_ip=\"10.130.").append(i / 250).append('.')
                    .append(i % 250).append("\",user=\"user").append(i).append("@example.org\"} 1\n");
        }
        final String output = scrub(input.toString()).output();
        final List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(1001);
        final Set<String> series = new HashSet<>(lines.subList(1, lines.size()));
        assertThat(series).hasSize(1000);
        assertThat(output).doesNotContain("10.130.", "example.org");
    }

    @Test
    void aKeptAddressThatEqualsAPseudonymFailsTheRecord() {
        // 192.0.2.44 becomes CLIENT_IP; with CLIENT_IP kept as it is, the two series would become one.
        final Scrubber keeping = Scrubber.create(SECRET, Tier.PUBLIC, 2026,
                ScrubPolicy.fromMap(Map.of("kept-cidrs", List.of(CLIENT_IP + "/32"))));
        final String first = "up{instance=\"192.0.2.44:9100\"} 1\n";
        final String second = "up{instance=\"" + CLIENT_IP + ":9100\"} 0\n";
        assertThat(keeping.scrub(RecordKind.METRICS, first))
                .isEqualTo(new ScrubResult.Scrubbed(second.replace(" 0", " 1"),
                        FindingCounts.of(Map.of(FindingType.IPV4, 1))));
        assertThat(keeping.scrub(RecordKind.METRICS, first + second)).isEqualTo(new ScrubResult.Failed(
                PrometheusTextFormat.REASON_SERIES_COLLISION,
                "line 2: scrubbing made this series the same as a different series on an earlier line"));
        assertThat(keeping.scrub(RecordKind.METRICS, second + first))
                .isInstanceOf(ScrubResult.Failed.class)
                .extracting(r -> ((ScrubResult.Failed) r).reason())
                .isEqualTo(PrometheusTextFormat.REASON_SERIES_COLLISION);
    }

    @Test
    void redactedSecretsCannotMergeSeries() {
        assertThat(scrubber.scrub(RecordKind.METRICS, "x{password=\"a\"} 1\nx{password=\"b\"} 1"))
                .extracting(r -> ((ScrubResult.Failed) r).reason())
                .isEqualTo(PrometheusTextFormat.REASON_SERIES_COLLISION);
    }

    @Test
    void oneSeriesMayAppearTwiceInAnyLabelOrder() {
        final String input = "x{a=\"10.130.0.7\",b=\"c\"} 1 1000\nx{ b=\"c\", a=\"10.130.0.7\" } 2 2000\n";
        assertThat(scrub(input).output())
                .isEqualTo("x{a=\"" + POD_IP + "\",b=\"c\"} 1 1000\nx{ b=\"c\", a=\"" + POD_IP + "\" } 2 2000\n");
    }

    @Test
    void neverFailsInternallyAndWritesWhatItReads() {
        // Well-formed lines with random label values and docstrings, some mutated by a random piece.
        final String[] values = {"", "a", " ", "\\\"", "\\\\", "\\n", "jdoe@example.org", "jdoe", "10.130.0.7",
            "10.131.3.21:10250", "2001:db8::7", "jupyterhub-nb-jdoe-40example-2eorg", "jdoe-40example-2eorg", "-4a",
            "\u0000", "\u00e9", "\ud800", "\r", "#", "{", "}", ",", "="};
        final String[] names = {"a", "user", "pod", "password", "label_hub_jupyter_org_username", "le", "_x9"};
        final String[] pieces = {"{", "}", "=", "\"", "\\", ",", " ", "\t", "\n", "\r\n", "#", " # {", "1", "e",
            "-", "jdoe@example.org", "a=\"", "\"}"};
        final Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            final StringBuilder sb = new StringBuilder();
            final int lines = random.nextInt(4);
            for (int line = 0; line < lines; line++) {
                switch (random.nextInt(4)) {
                    case 0 -> sb.append("# HELP x ").append(values[random.nextInt(values.length)]);
                    case 1 -> sb.append("# ").append(values[random.nextInt(values.length)]);
                    default -> {
                        sb.append("x{");
                        final int labels = random.nextInt(3);
                        for (int label = 0; label < labels; label++) {
                            sb.append(names[random.nextInt(names.length)]).append("=\"")
                                    .append(values[random.nextInt(values.length)]).append(' ')
                                    .append(values[random.nextInt(values.length)]).append("\",");
                        }
                        sb.append("} 1").append(random.nextBoolean() ? " 1620209251000" : "")
                                .append(random.nextBoolean() ? " # {ip=\"10.130.0.7\"} 1" : "");
                    }
                }
                sb.append(random.nextBoolean() ? "\n" : "\r\n");
            }
            final boolean mutated = random.nextInt(4) == 0;
            if (mutated) {
                sb.insert(random.nextInt(sb.length() + 1), pieces[random.nextInt(pieces.length)]);
            }
            final String input = sb.toString();
            final ScrubResult result = scrubber.scrub(RecordKind.METRICS, input);
            if (result instanceof ScrubResult.Failed failed) {
                assertThat(failed.reason()).as(input).isIn(PrometheusTextFormat.REASON_NOT_EXPOSITION,
                        PrometheusTextFormat.REASON_SERIES_COLLISION, Scrubber.REASON_UNREWRITABLE);
            } else {
                final String output = ((ScrubResult.Scrubbed) result).output();
                assertThat(output.chars().filter(c -> c == '\n').count()).as(input)
                        .isEqualTo(input.chars().filter(c -> c == '\n').count());
                assertThat(scrubber.scrub(RecordKind.METRICS, output)).as(input)
                        .isInstanceOf(ScrubResult.Scrubbed.class);
                if (!mutated) {
                    // A mutation can glue text to an address, which the detectors may then not read as one.
                    assertThat(output).as(input).doesNotContain("@example.org");
                }
            }
        }
    }

    @Test
    void failuresNeverCarryRecordData() {
        final String[] inputs = {"x{user=\"jdoe@example.org} 1", "x{a=\"jdoe@example.org\"} jdoe",
            "# HELP jdoe@example.org x", "jdoe@example.org 1", "x 1 # {ip=\"10.130.0.7\"}"};
        for (final String input : inputs) {
            final ScrubResult result = scrubber.scrub(RecordKind.METRICS, input);
            assertThat(result).as(input).isInstanceOf(ScrubResult.Failed.class);
            assertThat(((ScrubResult.Failed) result).detail()).doesNotContain("jdoe", "example", "10.130");
        }
    }
}
