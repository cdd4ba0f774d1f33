package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressDetectorTest {

    private final MacAddressDetector detector = new MacAddressDetector();

    static Stream<Arguments> addresses() {
        return Stream.of(
                arguments("colons", "link/ether «52:54:00:12:34:56» brd «ff:ff:ff:ff:ff:ff»"),
                arguments("colons, upper case", "eth0      Link encap:Ethernet  HWaddr «00:1A:2B:3C:4D:5E»"),
                arguments("colons, mixed case", "mac=«0a:1B:2c:3D:4e:5F»,"),
                arguments("hyphens", "Physical Address. . . . . . . . . : «00-1A-2B-3C-4D-5E»"),
                arguments("dots (Cisco)", "Vlan1 «0050.56c0.0008» DYNAMIC Gi0/1"),
                arguments("alone", "«aa:bb:cc:dd:ee:ff»"),
                arguments("quoted in JSON", "{\"mac\":\"«fa:16:3e:01:02:03»\"}"),
                arguments("ends a sentence", "assigned «fa:16:3e:01:02:03». Then «fa-16-3e-01-02-04»: done"),
                arguments("cisco, ends a sentence", "learned «fa16.3e01.0203»."),
                arguments("in brackets and after =", "[«02:42:ac:11:00:02»] hw=«02:42:AC:11:00:03»"),
                arguments("OVN", "port 3: lsp «0a:58:0a:83:00:05» 10.131.0.5"),
                arguments("two in a row", "«00:11:22:33:44:55» «66:77:88:99:aa:bb»"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void findsMacAddressesWithExactSpans(final String name, final String marked) {
        assertThat(MarkedText.detect(detector, marked))
                .containsExactlyElementsOf(MarkedText.expected(marked, FindingType.MAC_ADDRESS));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2001:db8:aa:bb:cc:dd:ee:ff",
        "fe80::aa:bb:cc:dd:ee:ff",
        "aa:bb:cc:dd:ee:ff::1",
        "fe80::5054:ff:fe12:3456%eth0",
        "[I 2021-05-05 10:02:42.210 JupyterHub log:189] 12:34:56 00:00:05 took 01:02:03:04",
        "2021-05-05-10-02-42 05-05-10-02-42",
        "00:11:22:33:44:55:66:77 EUI-64",
        "43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8 RSA key fingerprint",
        "serial 0a:1b:2c:3d:4e:5f:60",
        "x00:11:22:33:44:55 00:11:22:33:44:55x 00:11:22:33:44:55_1",
        "00:11:22:33:44:5g 0:11:22:33:44:55 00:11:22:33:44:555 00:11-22:33:44:55",
        "00-11-22-33-44-55-66 a-00-11-22-33-44-55",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "550e8400-e29b-41d4-a716-446655440000",
        "1.2.3 v1.2.3.4 10.0.1234 2021.05.05",
        "5254.0012.3456.7890 a.5254.0012.3456 5254.0012.3456.x 5254.00123.3456",
        "system:serviceaccount:ns:sa 13.28ms 1.3.6.1.4.1.2021.10",
    })
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }
}
