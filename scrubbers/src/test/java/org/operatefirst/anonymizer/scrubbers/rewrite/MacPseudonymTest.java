package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MacPermutation;

/** {@link Pseudonymizer#mac}: notation, case and vendor prefix kept, one pseudonym per address. */
class MacPseudonymTest {

    private final Pseudonymizer keeping = pseudonymizer(true);
    private final Pseudonymizer whole = pseudonymizer(false);

    private static Pseudonymizer pseudonymizer(final boolean keepVendor) {
        return new Pseudonymizer(new KeyedTokenizer(key(1)), new KeyedTokenizer(key(2)), new CryptoPan(key(3)),
                List.of(), Set.of(), IdentityDirectory.empty(), new MacPermutation(key(4)), keepVendor);
    }

    private static byte[] key(final int purpose) {
        final byte[] key = new byte[32];
        Arrays.fill(key, (byte) purpose);
        return key;
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:50:56:12:34:56", "00-50-56-12-34-56", "0050.5612.3456", "00:50:56:AB:CD:EF",
        "00-50-56-ab-cd-ef"})
    void keepsTheNotationAndTheVendor(final String address) {
        final String pseudonym = keeping.mac(address).orElseThrow();

        assertThat(pseudonym).hasSameSizeAs(address).startsWith(address.substring(0, 7)).isNotEqualTo(address);
        for (int i = 0; i < address.length(); i++) {
            assertThat(Character.digit(pseudonym.charAt(i), 16) >= 0).isEqualTo(Character.digit(address.charAt(i), 16) >= 0);
        }
    }

    @Test
    void oneAddressHasOnePseudonymInEveryNotationAndCase() {
        final String colons = keeping.mac("00:1a:2b:3c:4d:5e").orElseThrow();

        assertThat(keeping.mac("00:1A:2B:3C:4D:5E")).contains(colons.toUpperCase(Locale.ROOT));
        assertThat(keeping.mac("00-1a-2b-3c-4d-5e")).contains(colons.replace(':', '-'));
        final String hex = colons.replace(":", "");
        assertThat(keeping.mac("001a.2b3c.4d5e"))
                .contains(hex.substring(0, 4) + "." + hex.substring(4, 8) + "." + hex.substring(8));
    }

    @Test
    void aKeptVendorPrefixStaysAsWrittenAndTheRestFollowsTheCaseOfTheInput() {
        assertThat(keeping.mac("0C:1b:2C:12:34:56").orElseThrow()).startsWith("0C:1b:2C:").matches(".{9}[0-9a-f:]+");
        assertThat(keeping.mac("00:50:56:12:34:56").orElseThrow()).matches("[0-9a-f:]+");
    }

    @Test
    void withoutTheVendorTheWholeAddressChangesToALocallyAdministeredOne() {
        final String pseudonym = whole.mac("00:50:56:12:34:56").orElseThrow();

        assertThat(pseudonym).doesNotStartWith("00:50:56");
        assertThat(Integer.parseInt(pseudonym.substring(0, 2), 16) & 0x03).isEqualTo(0x02);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff:ff:ff:ff:ff:ff", "01:00:5E:00:00:FB", "33-33-00-00-00-01", "00:00:00:00:00:00"})
    void groupAddressesStayAsWritten(final String address) {
        assertThat(keeping.mac(address)).contains(address);
        assertThat(whole.mac(address)).contains(address);
    }

    @Test
    void withoutAMacKeyNothingIsRewritten() {
        final Pseudonymizer none = new Pseudonymizer(new KeyedTokenizer(key(1)), new KeyedTokenizer(key(2)),
                new CryptoPan(key(3)));
        assertThat(none.mac("00:50:56:12:34:56")).isEmpty();
    }
}
