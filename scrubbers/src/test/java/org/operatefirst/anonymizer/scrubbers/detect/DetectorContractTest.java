package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Detector} contract on random text made of the characters the scanners care about. */
class DetectorContractTest {

    private static final String ALPHABET = "@%.:-_+'/[]<> 0123456789abcdefABCDEFgxnoz25%40%3A";
    /** Pieces of MAC addresses and their near misses, so that random text holds long chains of hex pairs. */
    private static final String[] MAC_PIECES = {"aa", "0F", "1234", ":", "-", ".", "::", " ", "x", "52:54:00:",
        "12:34:56", "fa16.3e01."};
    /** Pieces of obfuscated email addresses and their near misses. */
    private static final String[] OBFUSCATED_PIECES = {"jane", "&#64;", "&#x40;", "&#", "\\u0040", "\\", "(at)",
        "[at]", " [dot] ", "(dot)", " ", ".", "example", "org", "a", "-", "(", "["};

    /** Pieces of KubeSpawner names, so that random text holds prefixes, escapes and separators often. */
    private static final String[] NAME_PIECES = {"jupyter-", "jupyterhub-nb-", "claim-", "-pvc", "--", "-40",
        "-2e", "-c3", "-bc", "-de", "jdoe", "example", "org", "@", "%40", ".", "\"", " ", "-", "a", "0", "/user/",
        "%2Fuser%2F", "user=", "\"user\": ", "---", "0925f997", "Jane Doe", "abc", "b-c"};

    /** Pieces of secrets and their contexts: names, separators, quotes, escapes, token prefixes, PEM lines. */
    private static final String[] SECRET_PIECES = {"password", "Authorization", "token", "code", "=", ":", ":=",
        "\"", "'", "\\", "\\\"", " ", "\n", "Bearer ", "Basic ", "eyJ", ".", "sha256~", "-----BEGIN PRIVATE KEY-----",
        "-----END PRIVATE KEY-----", "-----", "://", "@", "?", "&", "#", "{", "/authorizations/token/",
        "/authorizations/cookie/", "/", "AKIA", "ghp_", "github_pat_", "abcDEF0123456789", "x"};

    static Stream<Detector> detectors() {
        return Stream.of(new EmailDetector(), new IpAddressDetector(),
                new KubeSpawnerNameDetector(NameTemplate.defaults()),
                new KubeSpawnerSafeSlugDetector(NameTemplate.defaults()),
                new ContextUsernameDetector(java.util.Set.of("user", "username", "hub.jupyter.org/username")),
                org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory.of(java.util.List.of(
                        java.util.List.of("jdoe", "jdoe@example.org", "Jane Doe"), java.util.List.of("abc"),
                        java.util.List.of("a-b-c"))).detector(),
                new SecretDetector(), new LoginContextDetector(), new EmbeddedIpDetector(),
                new TokenShapeDetector(), new MacAddressDetector(), new ObfuscatedEmailDetector());
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void neverThrowsAndReportsOrderedDisjointSpansInBounds(Detector detector) {
        final Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            final int length = random.nextInt(80);
            final StringBuilder sb = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertOrderedDisjointInBounds(detector, sb.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void neverThrowsAndReportsOrderedDisjointSpansInBoundsOnNameLikeText(Detector detector) {
        final Random random = new Random(43);
        for (int round = 0; round < 20_000; round++) {
            final int pieces = random.nextInt(16);
            final StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pieces; k++) {
                sb.append(NAME_PIECES[random.nextInt(NAME_PIECES.length)]);
            }
            assertOrderedDisjointInBounds(detector, sb.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void neverThrowsAndReportsOrderedDisjointSpansInBoundsOnSecretLikeText(Detector detector) {
        final Random random = new Random(44);
        for (int round = 0; round < 20_000; round++) {
            final int pieces = random.nextInt(16);
            final StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pieces; k++) {
                sb.append(SECRET_PIECES[random.nextInt(SECRET_PIECES.length)]);
            }
            assertOrderedDisjointInBounds(detector, sb.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void neverThrowsAndReportsOrderedDisjointSpansInBoundsOnMacLikeText(Detector detector) {
        final Random random = new Random(45);
        for (int round = 0; round < 20_000; round++) {
            final int pieces = random.nextInt(16);
            final StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pieces; k++) {
                sb.append(MAC_PIECES[random.nextInt(MAC_PIECES.length)]);
            }
            assertOrderedDisjointInBounds(detector, sb.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void neverThrowsAndReportsOrderedDisjointSpansInBoundsOnObfuscatedEmailLikeText(Detector detector) {
        final Random random = new Random(46);
        for (int round = 0; round < 20_000; round++) {
            final int pieces = random.nextInt(16);
            final StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pieces; k++) {
                sb.append(OBFUSCATED_PIECES[random.nextInt(OBFUSCATED_PIECES.length)]);
            }
            assertOrderedDisjointInBounds(detector, sb.toString());
        }
    }

    private static void assertOrderedDisjointInBounds(Detector detector, String text) {
        final List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        int previousEnd = 0;
        for (Finding f : out) {
            assertThat(f.start()).as(text).isGreaterThanOrEqualTo(previousEnd);
            assertThat(f.end()).as(text).isLessThanOrEqualTo(text.length());
            previousEnd = f.end();
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void acceptsAnyCharSequence(Detector detector) {
        final List<Finding> out = new ArrayList<>();
        detector.detect(new StringBuilder("jane@example.org 192.0.2.1 claim-jdoe jupyter-a---0925f997 /user/x/"
                + " password=x Invalid user kroe from ip-10-0-3-17 xoxb-123456789012-abcdef 52:54:00:12:34:56 b(at)example.org"), out);
        assertThat(out).hasSize(1);
    }
}
