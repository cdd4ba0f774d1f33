package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * Random text with planted identities and secrets never gives any planted value back, in any of its encodings. Planted values
 * stand between realistic delimiters; what is glued to a value without a delimiter is ambiguous by nature (is
 * {@code 10.1.2.3.4} an address?) and is covered by the detectors' own tables.
 */
class PlantedIdentitiesPropertyTest {

    private static final List<String> DELIMITERS = List.of(" ", "  ", "\t", " (", ") ", "\"", "'", " [", "] ", "<",
            ">", ", ", ";", "=", "/", " -> ", ":\"", "\",\"");

    private final Scrubber scrubber;

    PlantedIdentitiesPropertyTest() {
        final byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 9);
        scrubber = Scrubber.create(MasterSecret.of(secret), Tier.PUBLIC, 2026);
    }

    /** A planted value: what is written into the text, and every form of it that must not come out. */
    record Planted(String written, List<String> forbidden) {
    }

    @Property(tries = 500)
    void noPlantedValueSurvives(@ForAll("texts") final List<Object> parts) {
        final StringBuilder text = new StringBuilder();
        final List<String> forbidden = new ArrayList<>();
        for (final Object part : parts) {
            if (part instanceof Planted planted) {
                text.append(planted.written());
                forbidden.addAll(planted.forbidden());
            } else {
                text.append(part);
            }
        }
        final ScrubResult result = scrubber.scrub(RecordKind.LOGS, text.toString());
        assertThat(result).isInstanceOf(ScrubResult.Scrubbed.class);
        final String output = ((ScrubResult.Scrubbed) result).output().toLowerCase(Locale.ROOT);
        for (final String value : forbidden) {
            assertThat(output).as("scrubbed from: %s", text).doesNotContain(value);
        }
    }

    @Provide
    Arbitrary<List<Object>> texts() {
        final Arbitrary<Object> filler = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789 .:,-")
                .ofMinLength(0).ofMaxLength(30).map(s -> (Object) s);
        final Arbitrary<Object> planted = Arbitraries.oneOf(emails(), ipv4(), ipv6(), podNames(), secrets())
                .flatMap(value -> Arbitraries.of(DELIMITERS).map(delimiter -> (Object) new Planted(
                        delimiter + value.written() + delimiter, value.forbidden())));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(2, filler), net.jqwik.api.Tuple.of(1, planted))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    private static Arbitrary<Planted> emails() {
        final Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789")
                .ofMinLength(3).ofMaxLength(12);
        final Arbitrary<String> tag = Arbitraries.of("", ".x", "+lab", "_1", "-dev");
        final Arbitrary<String> domain = Arbitraries.of("example.org", "example.com", "mail.example.net",
                "EXAMPLE.ORG");
        final Arbitrary<Integer> depth = Arbitraries.integers().between(0, 3);
        return Combinators.combine(local, tag, domain, depth).as((l, t, d, n) -> {
            final String email = "u" + l + t + "@" + d;
            String written = email;
            for (int i = 0; i < n; i++) {
                written = URLEncoder.encode(written, StandardCharsets.UTF_8);
            }
            final String lower = email.toLowerCase(Locale.ROOT);
            final String once = URLEncoder.encode(lower, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return new Planted(written, List.of(lower, once, URLEncoder.encode(once, StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT), ("u" + l + t).toLowerCase(Locale.ROOT) + "@"));
        });
    }

    private static Arbitrary<Planted> ipv4() {
        final Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        final Arbitrary<String> suffix = Arbitraries.of("", ":8080", "/24", ":443");
        return Combinators.combine(Arbitraries.of(10, 192, 198, 203, 172), octet, octet, octet, suffix)
                .as((a, b, c, d, s) -> {
                    final String address = a + "." + b + "." + c + "." + d;
                    return new Planted(address + s, List.of(address + s));
                });
    }

    private static Arbitrary<Planted> ipv6() {
        final Arbitrary<String> group = Arbitraries.integers().between(1, 0xffff).map(Integer::toHexString);
        return Combinators.combine(group, group, Arbitraries.of(false, true)).as((g, h, bracketed) -> {
            final String address = "2001:db8:" + g + "::" + h;
            return new Planted(bracketed ? "[" + address + "]:8443" : address, List.of(address));
        });
    }

    private static Arbitrary<Planted> podNames() {
        final Arbitrary<String> user = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz")
                .ofMinLength(3).ofMaxLength(10);
        final Arbitrary<String> prefix = Arbitraries.of("jupyterhub-nb-", "jupyter-", "claim-");
        return Combinators.combine(prefix, user).as((p, u) -> {
            final String escaped = KubeSpawnerEscape.escape("q" + u + "@example.org");
            return new Planted(p + escaped, List.of(escaped, "q" + u + "-40"));
        });
    }

    /** A made-up secret value: alphanumeric, with a digit and both cases, so that it reads as a token. */
    private static Arbitrary<String> secretValue(final int minLength, final int maxLength) {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                .ofMinLength(minLength).ofMaxLength(maxLength).map(v -> "Sq7" + v);
    }

    private static Arbitrary<Planted> secrets() {
        final Arbitrary<String> value = secretValue(13, 30);
        final Arbitrary<String> base64Url = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_").ofLength(43);
        final Arbitrary<String> upper = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                .ofLength(16);
        return Arbitraries.oneOf(
                value.map(v -> planted("password=" + v, v)),
                value.map(v -> planted("\"client_secret\": \"" + v + "\"", v)),
                value.map(v -> planted("token=\\\"" + v + "\\\"", v)),
                value.map(v -> planted("Authorization: Bearer " + v, v)),
                value.map(v -> planted("Authorization: Basic " + v, v)),
                value.map(v -> planted("Cookie: session=" + v + "; theme=dark", v)),
                Combinators.combine(value, value).as((c, t) -> planted("/cb?code=" + c + "&state=" + t, c, t)),
                value.map(v -> planted("#access_token=" + v + "&token_type=Bearer", v)),
                value.map(v -> planted("postgres://app:" + v + "@db.example.org:5432/x", v)),
                value.map(v -> planted("/hub/api/authorizations/token/" + v, v)),
                base64Url.map(v -> planted("sha256~" + v, v)),
                Combinators.combine(value, value).as((p, q) -> planted("eyJ" + p + ".eyJ" + q + "." + p, p, q)),
                upper.map(v -> planted("AKIA" + v, "akia" + v)),
                Combinators.combine(value, secretValue(33, 33)).as((v, w) -> planted("ghp_" + w, w)),
                value.map(v -> planted("-----BEGIN EC PRIVATE KEY-----\n" + v + "\n-----END EC PRIVATE KEY-----",
                        v)),
                value.map(v -> planted("-----BEGIN PRIVATE KEY-----\\n" + v, v)));
    }

    private static Planted planted(final String written, final String... secrets) {
        return new Planted(written, Arrays.stream(secrets).map(v -> v.toLowerCase(Locale.ROOT)).toList());
    }
}
