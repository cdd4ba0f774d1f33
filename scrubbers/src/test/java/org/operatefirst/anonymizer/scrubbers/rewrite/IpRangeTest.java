package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "192.0.2.0/24, 192.0.2.255, true",
        "192.0.2.0/24, 192.0.3.0, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.0, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "fd00::/8, fdff::1, true",
        "10.0.0.0/8, ::ffff:10.0.0.1, false",
    })
    void containsExactlyTheAddressesUnderItsPrefix(final String cidr, final String address, final boolean inside) {
        final byte[] bytes = address.indexOf(':') >= 0 ? IpAddresses.parseIpv6(address)
                : IpAddresses.parseIpv4(address);
        assertThat(IpRange.parse(cidr).contains(bytes)).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "example.org/8",
        "10.0.0/8"})
    void rejectsWhatIsNotARange(final String cidr) {
        assertThatThrownBy(() -> IpRange.parse(cidr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cidr);
    }
}
