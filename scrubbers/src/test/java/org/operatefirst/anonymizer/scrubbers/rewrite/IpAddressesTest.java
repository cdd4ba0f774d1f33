package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "255.255.255.255", "10.131.0.1"})
    void parsesAndFormatsIpv4(final String text) throws UnknownHostException {
        final byte[] address = IpAddresses.parseIpv4(text);
        assertThat(address).isEqualTo(InetAddress.getByName(text).getAddress());
        assertThat(IpAddresses.formatIpv4(address)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", ".1.2.3", "1.2.3.", "a.b.c.d", "1.2.3.4 "})
    void rejectsWhatIsNotIpv4(final String text) {
        assertThat(IpAddresses.parseIpv4(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80::1, fe80::1",
        "::ffff:192.0.2.1, ::ffff:c000:201",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:192.0.2.1, 1:2:3:4:5:6:c000:201",
    })
    void parsesEveryTextualFormAndFormatsPerRfc5952(final String text, final String canonical)
            throws UnknownHostException {
        final byte[] address = IpAddresses.parseIpv6(text);
        assertThat(address).isEqualTo(InetAddress.getByName(text).getAddress().length == 16
                ? InetAddress.getByName(text).getAddress()
                : ipv4Mapped(InetAddress.getByName(text).getAddress()));
        assertThat(IpAddresses.formatIpv6(address)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "::g", "1:2",
        ":1::", "1::2:", "::1.2.3", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5"})
    void rejectsWhatIsNotIpv6(final String text) {
        assertThat(IpAddresses.parseIpv6(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"::ffff:192.0.2.1, true", "::ffff:c000:201, true", "::192.0.2.1, false", "2001:db8::1, false"})
    void recognisesIpv4MappedAddresses(final String text, final boolean mapped) {
        assertThat(IpAddresses.isIpv4Mapped(IpAddresses.parseIpv6(text))).isEqualTo(mapped);
    }

    /** The JDK returns an Inet4Address for ::ffff:a.b.c.d; the parser keeps all 16 bytes. */
    private static byte[] ipv4Mapped(final byte[] v4) {
        final byte[] address = new byte[16];
        address[10] = (byte) 0xff;
        address[11] = (byte) 0xff;
        System.arraycopy(v4, 0, address, 12, 4);
        return address;
    }
}
