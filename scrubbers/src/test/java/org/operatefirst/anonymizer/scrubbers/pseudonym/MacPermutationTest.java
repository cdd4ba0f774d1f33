package org.operatefirst.anonymizer.scrubbers.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MacPermutationTest {

    private final MacPermutation permutation = new MacPermutation(key(1));

    private static byte[] key(final int seed) {
        final byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private static byte[] mac(final int... octets) {
        final byte[] mac = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            mac[i] = (byte) octets[i];
        }
        return mac;
    }

    @Test
    void keepsTheVendorOfAUniversallyAdministeredAddressAndChangesTheRest() {
        final byte[] address = mac(0x00, 0x50, 0x56, 0x12, 0x34, 0x56);
        final byte[] pseudonym = permutation.anonymize(address, true);

        assertThat(Arrays.copyOf(pseudonym, 3)).containsExactly(0x00, 0x50, 0x56);
        assertThat(pseudonym).isNotEqualTo(address);
        assertThat(permutation.anonymize(address, true)).isEqualTo(pseudonym);
        assertThat(new MacPermutation(key(2)).anonymize(address, true)).isNotEqualTo(pseudonym);
    }

    @Test
    void withoutTheVendorThePseudonymIsALocallyAdministeredUnicastAddress() {
        for (final byte[] address : new byte[][] {mac(0x00, 0x50, 0x56, 0x12, 0x34, 0x56),
                mac(0x02, 0x42, 0xac, 0x11, 0x00, 0x02), mac(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff)}) {
            final byte[] pseudonym = permutation.anonymize(address, false);
            assertThat(pseudonym[0] & 0x03).as(Arrays.toString(address)).isEqualTo(0x02);
            assertThat(Arrays.copyOf(pseudonym, 3)).isNotEqualTo(Arrays.copyOf(address, 3));
        }
    }

    @Test
    void aLocallyAdministeredAddressLosesItsFirstOctetsEvenWhenVendorsAreKept() {
        final byte[] address = mac(0x02, 0x42, 0xac, 0x11, 0x00, 0x02);

        assertThat(permutation.anonymize(address, true)).isEqualTo(permutation.anonymize(address, false));
        assertThat(Arrays.copyOf(permutation.anonymize(address, true), 3)).isNotEqualTo(Arrays.copyOf(address, 3));
    }

    @Test
    void groupAddressesAndZeroIdentifyNoDeviceAndStay() {
        for (final byte[] address : new byte[][] {mac(0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
                mac(0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb), mac(0x33, 0x33, 0x00, 0x00, 0x00, 0x01), new byte[6]}) {
            assertThat(permutation.anonymize(address, true)).isEqualTo(address);
            assertThat(permutation.anonymize(address, false)).isEqualTo(address);
        }
    }

    @Test
    void aVendorsDevicesNeverShareAPseudonym() {
        final Set<String> seen = new HashSet<>();
        for (int device = 0; device < 1 << 14; device++) {
            final byte[] pseudonym = permutation.anonymize(mac(0x00, 0x50, 0x56, 0x12, device >> 8, device & 0xff),
                    true);
            assertThat(seen.add(Arrays.toString(pseudonym))).isTrue();
        }
    }
}
