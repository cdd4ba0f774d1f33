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
 * Random text with planted identities never gives any planted value back, in any of its encodings. Planted values
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
        final Arbitrary<Object> planted = Arbitraries.oneOf(emails(), ipv4(), ipv6(), podNames())
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
}
