package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedIpDetectorTest {

    private final EmbeddedIpDetector detector = new EmbeddedIpDetector();

    static Stream<Arguments> addresses() {
        return Stream.of(
                arguments("dotted, starts a host name", FindingType.IPV4,
                        "rhost=«198.51.100.9».static.example.net"),
                arguments("nip.io", FindingType.IPV4, "https://«10.0.0.1».nip.io/"),
                arguments("block pool id", FindingType.IPV4, "BP-1347369012-«10.190.173.170»-1444972147527:blk_1"),
                arguments("hyphenated, starts a host name", FindingType.IPV4_HYPHENATED,
                        "rhost=«203-0-113-7».dsl.example.net"),
                arguments("ec2 node", FindingType.IPV4_HYPHENATED, "node ip-«10-0-3-17».ec2.internal Ready"),
                arguments("ec2 node, region", FindingType.IPV4_HYPHENATED,
                        "ip-«10-0-3-17».us-west-2.compute.internal"),
                arguments("ec2 node, no domain", FindingType.IPV4_HYPHENATED, "kubernetes.io/hostname=ip-«10-0-3-17»"),
                arguments("two", FindingType.IPV4_HYPHENATED, "«192-0-2-1».example.net «192-0-2-9».example.net"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void findsAddressesInsideNamesWithExactSpans(final String name, final FindingType type, final String marked) {
        assertThat(MarkedText.detect(detector, marked)).containsExactlyElementsOf(MarkedText.expected(marked, type));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "192.0.2.1 plain, found by the IP detector",
        "1.2.3.4.Final",
        "kernel-2.6.32.1-rc",
        "1.3.6.1.4.1.2021.10",
        "v1.2.3.4.example.org",
        "2021-05-05-10.log",
        "10-0-3-17",
        "x10-0-3-17.example.org",
        "ip-10-0-3-300.ec2.internal",
        "build-1.2.3.4-rc1",
        "BP-12-10.190.173.170-14",
        "550e8400-e29b-41d4-a716-446655440000 sha256:e3b0c44298fc1c149afbf4c8996fb924 13.28ms",
        "system:serviceaccount:ns:sa",
    })
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }
}
