package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;

/**
 * Detectors scan a {@link String} with shortcuts (prefilters, vectorised searches, a later start and an earlier
 * stop) and any other {@link CharSequence} character by character. Both must find exactly the same spans.
 */
class StringFastPathTest {

    /** Pieces of everything the detectors look for, their near misses, and characters that fold case oddly. */
    private static final String[] PIECES = {"@", "%40", "%2540", "%2B", "%3A", "%253A", "%2F", "%2f", "%20", "%",
        ".", ":", "::", "=", ":=", "-", "_", "+", "'", "\"", "/", " ", "\n", "(", "[", "]", "{", "jdoe", "Jane",
        "example", "org", "ORG", "com", "10", "131", "0", "255", "192.0.2.1", "2001:db8::1", "fe80", "ffff", "a", "F",
        "jupyter-", "jupyterhub-nb-", "claim-", "-40", "-2e", "---", "0925f997", "user", "USER", "User", "users",
        "username", "user_name", "login", "owner", "spawn", "spawn-pending", "hub.jupyter.org/username", "/user/",
        "uſer", "\u212Aey", "İ", "é", "password", "Authorization", "token", "code", "state", "Bearer ", "eyJ",
        "sha256~", "AKIA", "ghp_", "github_pat_", "abcDEF0123456789", "/authorizations/token/", "b", "-----BEGIN PRIVATE KEY-----", "://", "?", "&", "#", "\\"};

    static Stream<Detector> detectors() {
        return Stream.of(new EmailDetector(), new IpAddressDetector(),
                new KubeSpawnerNameDetector(NameTemplate.defaults()),
                new KubeSpawnerSafeSlugDetector(NameTemplate.defaults()),
                new ContextUsernameDetector(Set.of("user", "username", "user_name", "login", "owner",
                        "hub.jupyter.org/username")),
                new ContextUsernameDetector(Set.of()),
                IdentityDirectory.of(List.of(List.of("jdoe", "jdoe@example.org", "Jane Doe"))).detector(),
                new SecretDetector());
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void findsInAStringWhatItFindsInAnyCharSequence(final Detector detector) {
        final Random random = new Random(45);
        for (int round = 0; round < 30_000; round++) {
            final int pieces = random.nextInt(24);
            final StringBuilder sb = new StringBuilder();
            for (int k = 0; k < pieces; k++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameFindings(detector, sb.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            200 GET /hub/spawn-pending/user1%40example.org (user1@example.org@::ffff:10.131.0.1) 13.28ms
            Adding user user2@example.org to proxy /user/user2@example.org/ => http://10.131.2.3:8080
            user=jdoe login: 'jane' owner="x" USER=jdoe uſer=jdoe
            a'b@example.org 'jdoe@example.org' x+y@example.org
            %2Fuser%2Fjdoe%2540example.org
            jupyterhub-nb-jdoe-40example-2eorg.167c23baee4d0e1c claim-jdoe jupyter-jdoe---0925f997
            """)
    void findsInLogLinesWhatItFindsInAnyCharSequence(final String line) {
        detectors().forEach(detector -> assertSameFindings(detector, line));
    }

    private static void assertSameFindings(final Detector detector, final String text) {
        final List<Finding> fast = new ArrayList<>();
        detector.detect(text, fast);
        final List<Finding> plain = new ArrayList<>();
        detector.detect(new StringBuilder(text), plain);
        assertThat(fast).as("%s in %s", detector.getClass().getSimpleName(), text).isEqualTo(plain);
    }
}
