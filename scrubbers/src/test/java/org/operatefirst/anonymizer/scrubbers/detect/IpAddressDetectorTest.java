package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {

    private static final FindingType V4 = FindingType.IPV4;
    private static final FindingType V6 = FindingType.IPV6;

    private final IpAddressDetector detector = new IpAddressDetector();

    static Stream<Arguments> oneAddress() {
        return Stream.of(
                arguments("ipv4 alone", "192.0.2.1", "192.0.2.1", V4),
                arguments("ipv4 in prose", "from 198.51.100.7 to", "198.51.100.7", V4),
                arguments("ipv4 bounds", "0.0.0.0", "0.0.0.0", V4),
                arguments("ipv4 max", "255.255.255.255", "255.255.255.255", V4),
                arguments("ipv4 leading zeros", "host 010.000.000.001 up", "010.000.000.001", V4),
                arguments("ipv4 with port", "http://10.131.2.139:9090", "10.131.2.139", V4),
                arguments("ipv4 with cidr", "Add eth0 [10.131.3.106/23]", "10.131.3.106", V4),
                arguments("ipv4 sentence end", "Connected to 203.0.113.9.", "203.0.113.9", V4),
                arguments("ipv4 after ellipsis", "Connecting...203.0.113.9", "203.0.113.9", V4),
                arguments("ipv4 after hyphen option", "x=-203.0.113.9", "203.0.113.9", V4),
                arguments("ipv4 in quotes", "pod_ip=\"10.130.0.139\"", "10.130.0.139", V4),
                arguments("ipv4 after at", "(jane@example.org@10.131.3.105)", "10.131.3.105", V4),
                arguments("ipv4 after bare at", "200 GET /hub/api (@10.131.3.105) 1.97ms", "10.131.3.105", V4),
                arguments("ipv4 after colon", "inet addr:192.0.2.44 Bcast", "192.0.2.44", V4),
                arguments("ipv4 after equals", "--bind-address=192.0.2.5", "192.0.2.5", V4),
                arguments("ipv4 after arrow", "SRC->192.0.2.5", "192.0.2.5", V4),
                arguments("ipv4 after encoded slash", "u=http%3A%2F%2F10.131.2.139%3A9090", "10.131.2.139", V4),
                arguments("ipv4 after twice encoded slash", "u=http%253A%252F%252F10.1.2.3%253A80", "10.1.2.3", V4),
                arguments("ipv4 after encoded space", "a%20192.0.2.1", "192.0.2.1", V4),
                arguments("ipv4 trailing hyphen then space", "192.0.2.1- down", "192.0.2.1", V4),
                arguments("ipv4 then ipv6-ish text", "192.0.2.1::", "192.0.2.1", V4),
                arguments("ipv4 tail of a non-address", "1:2:3:4:5:6:7:192.0.2.1", "192.0.2.1", V4),
                arguments("ipv6 full", "2001:0db8:0000:0000:0000:ff00:0042:8329",
                        "2001:0db8:0000:0000:0000:ff00:0042:8329", V6),
                arguments("ipv6 full short groups", "2001:db8:0:0:0:0:2:1", "2001:db8:0:0:0:0:2:1", V6),
                arguments("ipv6 compressed", "addr 2001:db8::1 up", "2001:db8::1", V6),
                arguments("ipv6 upper case", "2001:DB8::FF00:42", "2001:DB8::FF00:42", V6),
                arguments("ipv6 loopback", "listen [::1]", "::1", V6),
                arguments("ipv6 loopback alone", "::1", "::1", V6),
                arguments("ipv6 unspecified with group", "::0", "::0", V6),
                arguments("ipv6 trailing compression", "route fe80:: dev", "fe80::", V6),
                arguments("ipv6 compression for one group", "2001:db8:0:1:1:1:1::", "2001:db8:0:1:1:1:1::", V6),
                arguments("ipv6 seven groups and ::", "::2:3:4:5:6:7:8", "::2:3:4:5:6:7:8", V6),
                arguments("ipv6 mapped ipv4", "(jane@example.org@::ffff:10.131.0.1)", "::ffff:10.131.0.1", V6),
                arguments("ipv6 nat64", "via 64:ff9b::192.0.2.33 ok", "64:ff9b::192.0.2.33", V6),
                arguments("ipv6 compatible ipv4", "::192.0.2.33", "::192.0.2.33", V6),
                arguments("ipv6 full with ipv4", "0:0:0:0:0:ffff:192.0.2.1", "0:0:0:0:0:ffff:192.0.2.1", V6),
                arguments("ipv6 zone excluded", "ping fe80::1%eth0", "fe80::1", V6),
                arguments("ipv6 encoded zone excluded", "http://[fe80::1%25eth0]:80/", "fe80::1", V6),
                arguments("ipv6 bracket and port", "https://[2001:db8::1]:8443/x", "2001:db8::1", V6),
                arguments("ipv6 cidr", "net 2001:db8::/32", "2001:db8::", V6),
                arguments("ipv6 cidr with group", "2001:db8::7/64", "2001:db8::7", V6),
                arguments("ipv6 sentence end", "Reached 2001:db8::42.", "2001:db8::42", V6),
                arguments("ipv6 colon as punctuation", "bound ::1: ready", "::1", V6),
                arguments("ipv6 mapped with port", "::ffff:192.0.2.1:8080", "::ffff:192.0.2.1", V6),
                arguments("ipv6 in json", "{\"ip\":\"2001:db8::5\"}", "2001:db8::5", V6),
                arguments("ipv6 after label colon", "host:fe80::1", "fe80::1", V6),
                arguments("ipv6 after word ending in hex", "inet6:fe80::1", "fe80::1", V6),
                arguments("ipv6 after long hex word", "deadbeef0:2001:db8::1", "2001:db8::1", V6),
                arguments("ipv6 after encoded bracket", "%5B2001:db8::1%5D", "2001:db8::1", V6),
                arguments("ipv6 encoded colons", "u=http%3A%2F%2F%5B2001%3Adb8%3A%3A1%5D%3A8443%2F",
                        "2001%3Adb8%3A%3A1", V6),
                arguments("ipv6 encoded colons, lower hex", "u=%5b2001%3adb8%3a%3a1%5d", "2001%3adb8%3a%3a1", V6),
                arguments("ipv6 encoded twice", "u=%255B2001%253Adb8%253A%253A1%255D",
                        "2001%253Adb8%253A%253A1", V6),
                arguments("ipv6 encoded leading compression", "u=%3A%3Affff%3A192.0.2.1&x",
                        "%3A%3Affff%3A192.0.2.1", V6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneAddress")
    void findsOneAddressWithExactSpan(String name, String text, String expected, FindingType type) {
        assertThat(findings(text))
                .extracting(Finding::type, f -> text.substring(f.start(), f.end()))
                .containsExactly(tuple(type, expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        ".",
        ":",
        "::",
        "[::]:8080",
        "tcp6 :::8080",
        ":::",
        "prose :: more",
        "v1.20.5",
        "v1.2.3.4",
        "v.1.2.3.4",
        "version 4.7.0",
        "1.2.3.4.5",
        "2.6.32.1-rc",
        "kernel-2.6.32.1",
        "lib_1.2.3.4_amd64",
        "1.3.6.1.4.1.2021",
        "256.1.1.1",
        "1.1.1.256",
        "1.1.1",
        "1.1.1.",
        "1..1.1",
        "0010.0.0.1",
        "10.0.0.1234",
        "10.0.0.1a",
        "10.0.0.1.com",
        "took 13.28ms",
        "3389.5434402088904",
        "10:02:42.206",
        "19:19:02.124608",
        "2021-05-05T10:07:31Z",
        "I0427 19:19:02.124608       1 named_certificates.go:53] loaded",
        "sha256:eacfa74842ce6330991d945408bb37c3e8f37246ff3f1b98837cf7ae4f5a78af",
        "7a27741f-a72d-4f0d-bf17-3cd0d3ede494",
        "00:1a:2b:3c:4d:5e",
        "00-1a-2b-3c-4d-5e",
        "std::vector<int>",
        "Foo::Bar",
        "Face::Bead",
        "Cafe::add",
        "dead:beef",
        "cafe:babe:f00d",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::1",
        "2001:db8::g",
        "fe80::1x",
        "::ffff:10.0.0.256",
        "::ffff:10.0.0.1.5",
        "resourceVersion 209536743",
        "system:serviceaccount:opf-jupyterhub:jupyterhub-hub",
        "sni-serving-cert::/var/config/system/secrets",
        "apps.example.cloud::/var/config",
        "le=\"0.5\"",
        "%201.2.3",
        "12:34:56:78:9a:bc:de:f0:12",
        "x 1:2001:db8:1:2:3:4:5:6",
        "1.2:2001:db8::1",
        "2001:db8%3A%3A1",
        "foo%3A%3A1",
        "1%3A2%3A3%3A4%3A5%3A6%3A7%3A8%3A9",
        "dead%3Abeef",
    })
    void ignoresNearMisses(String text) {
        assertThat(findings(text)).isEmpty();
    }

    static Stream<Arguments> severalAddresses() {
        return Stream.of(
                arguments("two urls",
                        "http://10.131.2.139:9090!=http://10.131.2.139:8080",
                        List.of(tuple(V4, "10.131.2.139"), tuple(V4, "10.131.2.139"))),
                arguments("ipv4 range", "allow 192.0.2.1-192.0.2.9;",
                        List.of(tuple(V4, "192.0.2.1"), tuple(V4, "192.0.2.9"))),
                arguments("ipv4 arrow", "192.0.2.1->198.51.100.2",
                        List.of(tuple(V4, "192.0.2.1"), tuple(V4, "198.51.100.2"))),
                arguments("ipv6 range", "2001:db8::1-2001:db8::ff",
                        List.of(tuple(V6, "2001:db8::1"), tuple(V6, "2001:db8::ff"))),
                arguments("mixed families", "src=192.0.2.1 dst=2001:db8::2 via ::ffff:198.51.100.3",
                        List.of(tuple(V4, "192.0.2.1"), tuple(V6, "2001:db8::2"),
                                tuple(V6, "::ffff:198.51.100.3"))),
                arguments("jupyterhub spawn-pending",
                        "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 200 GET /hub/spawn-pending/jane@example.org "
                                + "(jane@example.org@::ffff:10.131.0.1) 13.28ms",
                        List.of(tuple(V6, "::ffff:10.131.0.1"))),
                arguments("jupyterhub proxy",
                        "10:03:00.465 [ConfigProxy] info: Adding route /user/jane@example.org -> "
                                + "http://10.131.3.105:8080",
                        List.of(tuple(V4, "10.131.3.105"))),
                arguments("jupyterhub token",
                        "[I 2021-05-05 10:03:01.215 JupyterHub log:189] 200 POST /hub/api/oauth2/token "
                                + "(jane@example.org@10.131.3.105) 53.71ms",
                        List.of(tuple(V4, "10.131.3.105"))),
                arguments("multus event",
                        "{\"firstTimestamp\":\"2021-05-05T10:07:31Z\",\"resourceVersion\":\"209536743\","
                                + "\"uid\":\"7a27741f-a72d-4f0d-bf17-3cd0d3ede494\",\"message\":\"Add eth0 "
                                + "[10.131.3.106/23]\",\"f:count\":{}}",
                        List.of(tuple(V4, "10.131.3.106"))),
                arguments("kube_pod_info",
                        "kube_pod_info{host_ip=\"192.0.2.110\", pod_ip=\"10.130.0.7\", "
                                + "uid=\"c5a1bc73-f28b-4e0f-9cc6-c2c7abd5b0b8\"} 1",
                        List.of(tuple(V4, "192.0.2.110"), tuple(V4, "10.130.0.7"))),
                arguments("klog line has none",
                        "I0427 19:19:02.124608       1 named_certificates.go:53] loaded SNI cert "
                                + "[1/\"sni-serving-cert::/var/config/system/secrets/v4-0-config-system-router-certs/"
                                + "apps.example.cloud\"]: (2021-03-08 12:41:20 +0000 UTC to 2021-06-06 12:41:20 "
                                + "+0000 UTC (now=2021-04-27 19:19:02.124599505 +0000 UTC))",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalAddresses")
    void findsEveryAddressInOrder(String name, String text, List<org.assertj.core.groups.Tuple> expected) {
        assertThat(findings(text))
                .extracting(Finding::type, f -> text.substring(f.start(), f.end()))
                .containsExactlyElementsOf(expected);
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
}
