package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.pseudonym.CryptoPan;
import org.operatefirst.anonymizer.scrubbers.pseudonym.KeyedTokenizer;

class PseudonymizerTest {

    private final Pseudonymizer pseudonymizer = pseudonymizer(1);

    private static Pseudonymizer pseudonymizer(final int seed) {
        return new Pseudonymizer(new KeyedTokenizer(key(seed, 1)), new KeyedTokenizer(key(seed, 2)),
                new CryptoPan(key(seed, 3)));
    }

    private static byte[] key(final int seed, final int purpose) {
        final byte[] key = new byte[32];
        Arrays.fill(key, (byte) (seed * 16 + purpose));
        return key;
    }

    @Test
    void anEmailBecomesAnEmailUnderAReservedDomain() {
        final String pseudonym = pseudonymizer.email("jdoe@example.org").orElseThrow();
        assertThat(pseudonym).matches("u[a-z2-7]{12}@d[a-z2-7]{8}\\.invalid");
    }

    @ParameterizedTest
    @CsvSource({
        "jdoe%40example.org, %40",
        "jdoe%2540example.org, %2540",
        "jdoe%252540example.org, %252540",
    })
    void aPercentEncodedEmailStaysEncodedAsDeep(final String encoded, final String at) {
        final String plain = pseudonymizer.email("jdoe@example.org").orElseThrow();
        assertThat(pseudonymizer.email(encoded)).contains(plain.replace("@", at));
    }

    @Test
    void theIdentityIsCaseInsensitive() {
        assertThat(pseudonymizer.email("JDoe@Example.ORG")).isEqualTo(pseudonymizer.email("jdoe@example.org"));
    }

    @Test
    void usersOfOneDomainShareTheDomainPseudonym() {
        final String jane = pseudonymizer.email("jane@example.org").orElseThrow();
        final String john = pseudonymizer.email("john@example.org").orElseThrow();
        assertThat(jane).isNotEqualTo(john);
        assertThat(jane.substring(jane.indexOf('@'))).isEqualTo(john.substring(john.indexOf('@')));
    }

    @Test
    void differentKeysGiveUnlinkablePseudonyms() {
        assertThat(pseudonymizer(2).email("jdoe@example.org")).isNotEqualTo(pseudonymizer.email("jdoe@example.org"));
        assertThat(pseudonymizer(2).ipv4("192.0.2.1")).isNotEqualTo(pseudonymizer.ipv4("192.0.2.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe", "jdoe%41example.org", "%4", "a@b@c", "@example.org", "jdoe@"})
    void rejectsWhatIsNotAnEmail(final String text) {
        assertThat(pseudonymizer.email(text)).isEmpty();
    }

    @Test
    void anIpv4AddressStaysIpv4AndPrefixesArePreserved() {
        final String a = pseudonymizer.ipv4("198.51.100.1").orElseThrow();
        final String b = pseudonymizer.ipv4("198.51.100.200").orElseThrow();
        assertThat(a).isNotEqualTo("198.51.100.1");
        assertThat(IpAddresses.parseIpv4(a)).isNotNull();
        assertThat(a.substring(0, a.lastIndexOf('.'))).isEqualTo(b.substring(0, b.lastIndexOf('.')));
    }

    @Test
    void anIpv4MappedAddressGetsTheIpv4Pseudonym() {
        final String v4 = pseudonymizer.ipv4("198.51.100.1").orElseThrow();
        assertThat(pseudonymizer.ipv6("::ffff:198.51.100.1")).contains("::ffff:" + v4);
        assertThat(pseudonymizer.ipv6("::FFFF:198.51.100.1")).contains("::FFFF:" + v4);
        final byte[] mapped = IpAddresses.parseIpv6(pseudonymizer.ipv6("::ffff:c633:6401").orElseThrow());
        assertThat(IpAddresses.isIpv4Mapped(mapped)).isTrue();
        assertThat(IpAddresses.formatIpv4(Arrays.copyOfRange(mapped, 12, 16))).isEqualTo(v4);
    }

    @Test
    void anIpv6AddressStaysIpv6AndKeepsItsZone() {
        final String pseudonym = pseudonymizer.ipv6("fe80::1%eth0").orElseThrow();
        assertThat(pseudonym).endsWith("%eth0").isNotEqualTo("fe80::1%eth0");
        assertThat(IpAddresses.parseIpv6(pseudonym.substring(0, pseudonym.indexOf('%')))).isNotNull();
        assertThat(pseudonymizer.ipv6("2001:db8::1")).isEqualTo(pseudonymizer.ipv6("2001:DB8:0:0:0:0:0:1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "::g", "1::2::3"})
    void rejectsWhatIsNotAnAddress(final String text) {
        assertThat(pseudonymizer.ipv4(text)).isEmpty();
        assertThat(pseudonymizer.ipv6(text)).isEmpty();
    }

    /** A DNS-1123 label: what a pod name must be to serve as a host name, and what a claim name always is. */
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    @Test
    void anEscapedEmailUserGetsTheEmailPseudonymEscaped() {
        final String email = pseudonymizer.email("jdoe@example.org").orElseThrow();
        final String escaped = pseudonymizer.escapedUsername("jdoe-40example-2eorg").orElseThrow();
        assertThat(escaped).isEqualTo(email.replace("@", "-40").replace(".", "-2e"))
                .matches("u[a-z2-7]{12}-40d[a-z2-7]{8}-2einvalid")
                .hasSize(35);
        assertThat(KubeSpawnerEscape.unescape(escaped)).contains(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdoe", "jane-2eroe", "j-2ddoe", "jdoe-40localhost", "j-c3-bcrgen", "a-40b-40example-2eorg", "jdoe-40-2eorg"})
    void anyOtherUserGetsAPlainUserPseudonym(final String escaped) {
        final String pseudonym = pseudonymizer.escapedUsername(escaped).orElseThrow();
        assertThat(pseudonym).matches("u[a-z2-7]{12}");
        assertThat(KubeSpawnerEscape.unescape(pseudonym)).contains(pseudonym);
        assertThat(pseudonymizer(2).escapedUsername(escaped)).isNotEqualTo(pseudonymizer.escapedUsername(escaped));
    }

    @Test
    void distinctUsersGetDistinctPseudonyms() {
        assertThat(pseudonymizer.escapedUsername("jdoe")).isNotEqualTo(pseudonymizer.escapedUsername("jane"));
        assertThat(pseudonymizer.escapedUsername("jdoe-40example-2eorg"))
                .isNotEqualTo(pseudonymizer.escapedUsername("jdoe-40example-2ecom"));
    }

    @Test
    void theEscapedIdentityIsCaseInsensitive() {
        // KubeSpawner escapes upper-case letters: J is -4a, D is -44.
        assertThat(pseudonymizer.escapedUsername("-4a-44oe-40-45xample-2eorg"))
                .isEqualTo(pseudonymizer.escapedUsername("jdoe-40example-2eorg"));
        assertThat(pseudonymizer.escapedUsername("-4a-44oe")).isEqualTo(pseudonymizer.escapedUsername("jdoe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe-40example-2eorg", "jdoe", "-4a-44oe", "j-c3-bcrgen"})
    void thePseudonymRoundTripsAndFitsEveryDefaultTemplateInADnsLabel(final String escaped) {
        final String pseudonym = pseudonymizer.escapedUsername(escaped).orElseThrow();
        assertThat(KubeSpawnerEscape.escape(KubeSpawnerEscape.unescape(pseudonym).orElseThrow()))
                .isEqualTo(pseudonym);
        for (final String name : new String[] {"jupyterhub-nb-" + pseudonym, "jupyterhub-nb-" + pseudonym + "-pvc",
            "jupyter-" + pseudonym, "jupyter-" + pseudonym + "--gpu", "claim-" + pseudonym}) {
            assertThat(name).matches(DNS_LABEL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "jdoe-4", "jdoe-4A", "jdoe-", "-61", "jdoe-de", "jdoe-c3", "jdoe-0a",
        "jdoe@example.org", "jdoe%40example.org", "jdoe--gpu", "Jdoe", "jdoe-zz"})
    void rejectsWhatIsNotAnEscapedUsername(final String text) {
        assertThat(pseudonymizer.escapedUsername(text)).isEmpty();
    }

    @Test
    void keptRangesAndDomainsAreKept() {
        final Pseudonymizer keeping = new Pseudonymizer(new KeyedTokenizer(key(1, 1)), new KeyedTokenizer(key(1, 2)),
                new CryptoPan(key(1, 3)), java.util.List.of(IpRange.parse("172.30.0.0/16"),
                        IpRange.parse("fd00::/8")), java.util.Set.of("example.com"));
        assertThat(keeping.ipv4("172.30.4.5")).contains("172.30.4.5");
        assertThat(keeping.ipv6("::ffff:172.30.4.5")).contains("::ffff:172.30.4.5");
        assertThat(keeping.ipv6("fd00::1%eth0")).contains("fd00::1%eth0");
        assertThat(keeping.ipv4("172.31.4.5")).isEqualTo(pseudonymizer.ipv4("172.31.4.5"));
        assertThat(keeping.email("jdoe@Example.COM").orElseThrow()).endsWith("@example.com")
                .startsWith(pseudonymizer.email("jdoe@example.com").orElseThrow().substring(0, 13));
        assertThat(keeping.email("jdoe@example.org")).isEqualTo(pseudonymizer.email("jdoe@example.org"));
    }

    @Test
    void aUsernameIsKeyedCaseInsensitivelyLikeTheLocalPartOfAnEmail() {
        assertThat(pseudonymizer.username("JDoe")).isEqualTo(pseudonymizer.username("jdoe"))
                .matches("u[a-z2-7]{12}").isNotEqualTo(pseudonymizer.username("jdoe2"));
    }

    @ParameterizedTest
    @CsvSource({"10.128.0.0, 14", "10.0.0.0, 8", "192.0.2.0, 24", "0.0.0.0, 0"})
    void aNetworkAddressStaysANetworkAddress(final String network, final int prefix) {
        final byte[] pseudonym = IpAddresses.parseIpv4(pseudonymizer.ipv4(network, prefix).orElseThrow());
        assertThat(IpAddresses.hostBitsClear(pseudonym, prefix)).isTrue();
        // The network part is the one any host of that network gets.
        final byte[] host = IpAddresses.parseIpv4(pseudonymizer.ipv4(network.substring(0, network.lastIndexOf('.'))
                + ".1").orElseThrow());
        assertThat(IpAddresses.clearHostBits(host, prefix)).isEqualTo(pseudonym);
    }

    @Test
    void anInterfaceAddressWithAPrefixKeepsItsHostBits() {
        assertThat(pseudonymizer.ipv4("10.131.3.106", 23)).isEqualTo(pseudonymizer.ipv4("10.131.3.106"));
        assertThat(pseudonymizer.ipv6("2001:db8::1", 64)).isEqualTo(pseudonymizer.ipv6("2001:db8::1"));
    }

    @Test
    void anIpv6NetworkStaysANetwork() {
        final String network = pseudonymizer.ipv6("2001:db8::", 32).orElseThrow();
        assertThat(IpAddresses.hostBitsClear(IpAddresses.parseIpv6(network), 32)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"2001%3Adb8%3A%3A1, %3A", "2001%3adb8%3a%3a1, %3a", "2001%253Adb8%253A%253A1, %253A"})
    void anIpv6AddressWithEncodedColonsStaysEncodedTheSameWay(final String encoded, final String colon) {
        final String plain = pseudonymizer.ipv6("2001:db8::1").orElseThrow();
        assertThat(pseudonymizer.ipv6(encoded)).contains(plain.replace(":", colon));
    }
}
