package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {

    private final EmailDetector detector = new EmailDetector();

    static Stream<Arguments> oneAddress() {
        return Stream.of(
                arguments("plain", "mail jane@example.org now", "jane@example.org"),
                arguments("whole text", "jane@example.org", "jane@example.org"),
                arguments("upper case", "JANE.DOE@EXAMPLE.ORG", "JANE.DOE@EXAMPLE.ORG"),
                arguments("mixed case", "Jane.Doe@Example.Org", "Jane.Doe@Example.Org"),
                arguments("plus tag", "to a.b+tag@x.example.org", "a.b+tag@x.example.org"),
                arguments("subdomains", "ops@mail.eu.example.co.uk", "ops@mail.eu.example.co.uk"),
                arguments("digits, underscore, hyphen", "x_1-2@host-01.example.com", "x_1-2@host-01.example.com"),
                arguments("apostrophe inside", "o'brien@example.org", "o'brien@example.org"),
                arguments("single quotes", "user='jane@example.org'", "jane@example.org"),
                arguments("double quotes", "\"jane@example.org\"", "jane@example.org"),
                arguments("angle brackets", "Jane Doe <jane@example.org>", "jane@example.org"),
                arguments("mailto", "mailto:jane@example.org", "jane@example.org"),
                arguments("url path", "GET /user/jane@example.org/lab", "jane@example.org"),
                arguments("query value", "/login?u=jane@example.org&x=1", "jane@example.org"),
                arguments("json value", "{\"email\":\"jane@example.org\"}", "jane@example.org"),
                arguments("trailing dot", "Write to jane@example.org.", "jane@example.org"),
                arguments("trailing comma", "jane@example.org, bob", "jane@example.org"),
                arguments("trailing paren", "(jane@example.org)", "jane@example.org"),
                arguments("trailing semicolon", "jane@example.org;", "jane@example.org"),
                arguments("trailing colon", "jane@example.org: hi", "jane@example.org"),
                arguments("port after domain", "smtp://jane@mail.example.org:587", "jane@mail.example.org"),
                arguments("address then ip", "(jane@example.org@::ffff:10.131.0.1)", "jane@example.org"),
                arguments("address then ipv4", "(jane@example.org@10.131.3.105)", "jane@example.org"),
                arguments("leading dots dropped", "...jane@example.org", "jane@example.org"),
                arguments("one letter local part", "a@example.org", "a@example.org"),
                arguments("local part of 64", "x".repeat(64) + "@example.org", "x".repeat(64) + "@example.org"),
                arguments("label of 63", "jane@" + "a".repeat(63) + ".org", "jane@" + "a".repeat(63) + ".org"),
                arguments("hyphen inside label", "jane@my-host.example.org", "jane@my-host.example.org"),
                arguments("double hyphen in prose", "jane@example.org--she answers", "jane@example.org"),
                arguments("hyphenated suffix", "jane@example.org-2021", "jane@example.org"),
                arguments("digits before tld", "jane@123.example.org", "jane@123.example.org"),
                arguments("punycode tld", "jane@example.xn--p1ai", "jane@example.xn--p1ai"),
                arguments("non-ascii", "jürgen@exämple.de", "jürgen@exämple.de"),
                arguments("git remote", "git@github.com:org/repo.git", "git@github.com"),
                arguments("encoded once", "u=jane%40example.org&x=1", "jane%40example.org"),
                arguments("encoded once, lower hex", "u=jane%40example.org", "jane%40example.org"),
                arguments("encoded twice", "u=jane%2540example.org&x=1", "jane%2540example.org"),
                arguments("encoded three times", "u=jane%252540example.org", "jane%252540example.org"),
                arguments("encoded plus", "u=a%2Btag%40example.org", "a%2Btag%40example.org"),
                arguments("encoded plus, lower hex", "u=a%2btag%40example.org", "a%2btag%40example.org"),
                arguments("encoded plus twice", "u=a%252Btag%2540example.org", "a%252Btag%2540example.org"),
                arguments("encoded plus, literal at", "u=a%2Btag@example.org", "a%2Btag@example.org"),
                arguments("encoded path", "%2Fuser%2Fjane%40example.org%2Fcallback", "jane%40example.org"),
                arguments("encoded quotes", "%22jane%40example.org%22", "jane%40example.org"),
                arguments("prefix joined by hyphen", "client_id=hub-user-jane%2540example.org&r=1",
                        "hub-user-jane%2540example.org"),
                arguments("form-encoded space", "q=hello+jane@example.org", "hello+jane@example.org"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneAddress")
    void findsOneAddressWithExactSpan(String name, String text, String expected) {
        assertThat(spans(text)).containsExactly(expected);
        assertThat(findings(text)).extracting(Finding::type).containsOnly(FindingType.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "@",
        "@@@@",
        "%40",
        "@example.org",
        "%40example.org",
        "user@",
        "user@ and more",
        "user@localhost",
        "user@localhost.",
        "a@b",
        "a@b.c",
        "jane@example.o",
        "foo@1.2.3.4",
        "foo@192.0.2.1:8080",
        "foo@[192.0.2.1]",
        "jane@-example.org",
        "jane@example-.org",
        "jane@.example.org",
        "jane@example..org",
        "@Override public void run()",
        "    @property",
        "@scope/pkg@1.2.3",
        "lodash@4.17.21",
        "apiserver-loopback-client@1619551141",
        "issuer=\"apiserver-loopback-client-ca@1619551141\"",
        "sha256:eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af",
        "quay.io/example/notebook@sha256:eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af",
        "java.lang.Object@6d06d69c",
        "---@example.org",
        "...@example.org",
        "'@example.org",
        "jane%4example.org",
        "jane%2Fexample.org",
        "user@exam_ple.org",
    })
    void ignoresNearMisses(String text) {
        assertThat(spans(text)).isEmpty();
    }

    @Test
    void ignoresLocalPartLongerThan64() {
        assertThat(spans("x".repeat(65) + "@example.org")).isEmpty();
        assertThat(spans("x".repeat(65) + "%40example.org")).isEmpty();
    }

    @Test
    void ignoresLabelLongerThan63() {
        assertThat(spans("jane@" + "a".repeat(64) + ".org")).isEmpty();
    }

    @Test
    void stopsTheDomainAt253Characters() {
        final String label = "a".repeat(49);
        // 5 labels of 49 plus dots: 249 characters, then ".org" reaches 253.
        final String domain = String.join(".", label, label, label, label, label) + ".org";
        assertThat(domain).hasSize(253);
        assertThat(spans("jane@" + domain)).containsExactly("jane@" + domain);
        // One more label is past the limit: the address ends at the last top-level label that fits.
        assertThat(spans("jane@" + domain + ".com")).containsExactly("jane@" + domain);
    }

    static Stream<Arguments> severalAddresses() {
        return Stream.of(
                arguments("two in prose", "cc jane@example.org, bob@example.com.",
                        List.of("jane@example.org", "bob@example.com")),
                arguments("jupyterhub spawn-pending",
                        "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/jane@example.org "
                                + "(jane@example.org@::ffff:10.131.0.1) 13.28ms",
                        List.of("jane@example.org", "jane@example.org")),
                arguments("jupyterhub proxy",
                        "2021-05-05 10:03:00.462 JupyterHub proxy:282] Adding user jane@example.org to proxy "
                                + "/user/jane@example.org/ => http://10.131.3.105:8080",
                        List.of("jane@example.org", "jane@example.org")),
                arguments("jupyterhub redirect",
                        "[I 2021-05-05 10:03:01.023 JupyterHub log:189] 302 GET /hub/api/oauth2/authorize?"
                                + "client_id=jupyterhub-user-jane%2540example.org&redirect_uri=%2Fuser%2F"
                                + "jane%40example.org%2Foauth_callback&response_type=code&state=[secret] -> "
                                + "/user/jane@example.org/oauth_callback?code=[secret]&state=[secret] "
                                + "(jane@example.org@::ffff:10.131.0.1) 34.50ms",
                        List.of("jupyterhub-user-jane%2540example.org", "jane%40example.org", "jane@example.org",
                                "jane@example.org")),
                arguments("klog line has none",
                        "I0427 19:19:02.124830       1 named_certificates.go:53] loaded SNI cert "
                                + "[0/\"self-signed loopback\"]: \"apiserver-loopback-client@1619551141\" [serving] "
                                + "validServingFor=[apiserver-loopback-client] "
                                + "issuer=\"apiserver-loopback-client-ca@1619551141\"",
                        List.of()),
                arguments("event with image digest has none",
                        "\"message\":\"Container image \\\"quay.io/example/s2i-minimal-notebook@sha256:"
                                + "eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af\\\" already "
                                + "present on machine\"",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalAddresses")
    void findsEveryAddressInOrder(String name, String text, List<String> expected) {
        assertThat(spans(text)).containsExactlyElementsOf(expected);
    }

    @Test
    void findingsAreOrderedAndDisjoint() {
        final String text = "a@example.org@b@example.org%40c.example.org jane%2540example.org%2Cbob%40example.com";
        final List<Finding> findings = findings(text);
        assertThat(findings).isNotEmpty();
        for (int k = 1; k < findings.size(); k++) {
            assertThat(findings.get(k).start()).isGreaterThanOrEqualTo(findings.get(k - 1).end());
        }
    }

    @Test
    void ignoresNullInput() {
        final List<Finding> out = new ArrayList<>();
        detector.detect(null, out);
        assertThat(out).isEmpty();
    }

    private List<Finding> findings(String text) {
        final List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        return out;
    }

    private List<String> spans(String text) {
        return findings(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }
}
