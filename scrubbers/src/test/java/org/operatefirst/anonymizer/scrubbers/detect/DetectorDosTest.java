package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs built to make a careless scanner quadratic: long runs of anchors and separators. Each must finish well
 * inside the timeout; a linear scan takes milliseconds.
 */
class DetectorDosTest {

    private static final int RUN = 100_000;

    private static final String LOG_LINES = String.join("\n",
            "[I 2021-05-05 10:03:01.023 JupyterHub log:189] 302 GET /hub/api/oauth2/authorize?client_id="
                    + "jupyterhub-user-jane%2540example.org&redirect_uri=%2Fuser%2Fjane%40example.org%2F"
                    + "oauth_callback -> /user/jane@example.org/ (jane@example.org@::ffff:10.131.0.1) 34.50ms",
            "http://10.131.2.139:9090!=http://10.131.2.139:8080 [2001:db8::1]:8443 fe80::1%eth0",
            "I0427 19:19:02.124830       1 named_certificates.go:53] \"apiserver-loopback-client@1619551141\"",
            "{\"uid\":\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\",\"message\":\"Add eth0 [10.131.3.106/23]\"}",
            "quay.io/example/notebook@sha256:eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af",
            "");

    static Stream<Arguments> hostileInputs() {
        final List<Arguments> cases = new ArrayList<>();
        final List<String[]> inputs = List.of(
                new String[] {"1 MB of log lines", repeatTo(LOG_LINES, 1 << 20)},
                new String[] {"100k '@'", "@".repeat(RUN)},
                new String[] {"100k ':'", ":".repeat(RUN)},
                new String[] {"100k digits and dots", repeatTo("1.", 2 * RUN)},
                new String[] {"100k digits, dots, colons", repeatTo("1.2:3", 2 * RUN)},
                new String[] {"100k 'a@'", "a@".repeat(RUN)},
                new String[] {"local part then 100k '@'", "jane" + "@".repeat(RUN) + "example.org"},
                new String[] {"100k labels", "jane@" + "a.".repeat(RUN)},
                new String[] {"100k encoded anchors", "a%40".repeat(RUN)},
                new String[] {"encoding 100k deep", "a%" + "25".repeat(RUN) + "40example.org"},
                new String[] {"100k encoded pluses", "a%2B".repeat(RUN) + "%40example.org"},
                new String[] {"100k '%'", "%".repeat(RUN)},
                new String[] {"100k hex groups", repeatTo("fe80:", 5 * RUN)},
                new String[] {"100k '::1'", repeatTo("::1", 3 * RUN)},
                new String[] {"100k encoded colons", repeatTo("1%3A", 4 * RUN)},
                new String[] {"100k ranges", repeatTo("1.1.1.1-", 8 * RUN)},
                new String[] {"100k hex digits", "f".repeat(RUN)},
                new String[] {"100k escaped at signs", "jupyter-" + "-40".repeat(RUN)},
                new String[] {"100k escaped at signs, no prefix", "-40".repeat(RUN)},
                new String[] {"100k short names", repeatTo("claim-a-40b--c ", 15 * RUN)},
                new String[] {"100k names of 253", repeatTo("jupyter-" + "-40".repeat(80) + "--a ", 256 * RUN / 10)},
                new String[] {"100k names after escapes", repeatTo("%2fjupyter-jdoe-40example-2eorg", 31 * RUN)},
                new String[] {"100k separators", "jupyter-a" + "--".repeat(RUN)},
                new String[] {"100k hyphens", "claim-" + "-".repeat(RUN)},
                new String[] {"1 MB line of secrets", repeatTo("GET /cb?code=abc&state=def password=\"x\\\"y\" "
                        + "Authorization: Bearer abcdefghijklmnop1234 https://u:p@example.org/ AKIAIOSFODNN7EXAMPLE "
                        + "/hub/api/authorizations/token/abc eyJhbGciOiJSUzI1NiJ9.eyJ4In0.c2ln ", 1 << 20)},
                new String[] {"100k '='", "=".repeat(RUN)},
                new String[] {"100k 'a='", "a=".repeat(RUN)},
                new String[] {"100k 'password='", "password=".repeat(RUN)},
                new String[] {"100k empty quoted passwords", "\"password\":\"\",".repeat(RUN)},
                new String[] {"100k keys of 64", repeatTo("k".repeat(64) + ":", 65 * RUN)},
                new String[] {"password then 100k backslashes", "password=\"" + "\\".repeat(RUN)},
                new String[] {"password then 100k escaped quotes", "password=\\\"" + "\\\\\\\"".repeat(RUN)},
                new String[] {"100k escaped names", "\\\"password\\\":".repeat(RUN)},
                new String[] {"100k 'eyJ'", "eyJ".repeat(RUN)},
                new String[] {"100k 'eyJ.'", "eyJ.".repeat(RUN)},
                new String[] {"100k jwt segments", "eyJhbGciOiJSUzI1NiJ9" + ".eyJ4".repeat(RUN)},
                new String[] {"unterminated PEM", "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA\n".repeat(RUN)},
                new String[] {"100k PEM headers", "-----BEGIN PRIVATE KEY-----".repeat(RUN)},
                new String[] {"100k certificate headers", "-----BEGIN CERTIFICATE-----".repeat(RUN)},
                new String[] {"100k 'Bearer '", "Bearer ".repeat(RUN)},
                new String[] {"100k 'sha256~'", "sha256~".repeat(RUN)},
                new String[] {"100k '://'", "a://".repeat(RUN)},
                new String[] {"100k '@' after '://'", "a://" + "@".repeat(RUN)},
                new String[] {"100k cookie paths", "/authorizations/cookie/".repeat(RUN)},
                new String[] {"cookie path then 100k", "/authorizations/cookie/" + "x".repeat(RUN)},
                new String[] {"100k AWS prefixes", "AKIA ".repeat(RUN)},
                new String[] {"100k GitHub prefixes", "ghp_ ".repeat(RUN)},
                new String[] {"100k query names", "?code=&state=".repeat(RUN)},
                new String[] {"100k quads before labels", "0.0.0.0.x.".repeat(RUN)},
                new String[] {"100k hyphenated quads", "ip-1-2-3-4-".repeat(RUN)},
                new String[] {"100k sshd phrases", "Failed password for ".repeat(RUN)},
                new String[] {"100k log format brackets", "h - u [10/Oct/2000:".repeat(RUN)},
                new String[] {"100k aws", "aws ".repeat(RUN)},
                new String[] {"100k session keys", "?sid=".repeat(RUN)},
                new String[] {"100k hex pairs", repeatTo("aa:", 3 * RUN)},
                new String[] {"100k hyphenated hex pairs", repeatTo("0a-", 3 * RUN)},
                new String[] {"100k dotted hex quads", repeatTo("5254.", 5 * RUN)},
                new String[] {"100k MACs", repeatTo("52:54:00:12:34:56 ", 18 * RUN)},
                new String[] {"100k entities", "&#64;".repeat(RUN)},
                new String[] {"100k 'a(at)'", "a(at)".repeat(RUN)},
                new String[] {"100k bracket ats between labels", repeatTo("a [at] b [dot] ", 15 * RUN)},
                new String[] {"100k backslashes then an escape", "\\".repeat(RUN) + "u0040example.org"},
                new String[] {"long local part, 100k escapes", "a".repeat(RUN) + "\\u0040a.".repeat(RUN)},
                new String[] {"anchor then 100k labels", "jane(at)" + "a.".repeat(RUN)},
                new String[] {"100k quoted users, unterminated", "user \"".repeat(RUN)},
                new String[] {"100k vsftpd verbs", "] OK LOGIN:".repeat(RUN)},
                new String[] {"100k vsftpd verbs after a bracket", "[" + "] OK LOGIN:".repeat(RUN)},
                new String[] {"100k names at addresses", "a@10.0.0.1 ".repeat(RUN)},
                new String[] {"100k brackets after '@'", "a@[".repeat(RUN)},
                new String[] {"100k slashes before quads", "a/10.0.0.1:1 ".repeat(RUN)},
                new String[] {"100k distinguished names", "cn=a,ou=".repeat(RUN)},
                new String[] {"100k cn= without a comma", "cn=".repeat(RUN)},
                new String[] {"100k sudo", "sudo: a : ".repeat(RUN)},
                new String[] {"100k su", "by a(uid=".repeat(RUN)},
                new String[] {"100k proxy users", "Adding user a to proxy ".repeat(RUN)},
                new String[] {"100k postgres prefixes", "a@db FATAL: ".repeat(RUN)},
                new String[] {"100k cron commands", ") CMD (".repeat(RUN)},
                new String[] {"100k su targets", "(to ".repeat(RUN)},
                new String[] {"100k failed logins", "FAILED LOGIN ".repeat(RUN)},
                new String[] {"100k single quotes after user", "user '".repeat(RUN)},
                new String[] {"100k adds", "add '".repeat(RUN)},
                new String[] {"100k sessions", "Session 1 of User ".repeat(RUN)},
                new String[] {"100k quoted audit keys", "acct=\"".repeat(RUN)},
                new String[] {"100k users not allowed", "User a from ".repeat(RUN)});
        for (String[] input : inputs) {
            cases.add(arguments("email: " + input[0], new EmailDetector(), input[1]));
            cases.add(arguments("ip: " + input[0], new IpAddressDetector(), input[1]));
            cases.add(arguments("kubespawner: " + input[0], new KubeSpawnerNameDetector(NameTemplate.defaults()),
                    input[1]));
            cases.add(arguments("secret: " + input[0], new SecretDetector(), input[1]));
            cases.add(arguments("login: " + input[0], new LoginContextDetector(), input[1]));
            cases.add(arguments("embedded ip: " + input[0], new EmbeddedIpDetector(), input[1]));
            cases.add(arguments("token shapes: " + input[0], new TokenShapeDetector(), input[1]));
            cases.add(arguments("mac: " + input[0], new MacAddressDetector(), input[1]));
            cases.add(arguments("obfuscated email: " + input[0], new ObfuscatedEmailDetector(), input[1]));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    // Quadratic work on these inputs takes minutes; 10 s leaves room for a busy 2-core machine.
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void finishesInLinearTime(String name, Detector detector, String text) {
        final List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        assertThat(out).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(text.length()));
    }

    private static String repeatTo(String unit, int length) {
        final StringBuilder sb = new StringBuilder(length + unit.length());
        while (sb.length() < length) {
            sb.append(unit);
        }
        return sb.toString();
    }
}
