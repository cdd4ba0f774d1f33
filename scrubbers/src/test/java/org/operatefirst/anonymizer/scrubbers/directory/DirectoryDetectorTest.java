package org.operatefirst.anonymizer.scrubbers.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.detect.Detector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.detect.MarkedText;

class DirectoryDetectorTest {

    private static final IdentityDirectory DIRECTORY = IdentityDirectory.of(List.of(
            List.of("jdoe", "jdoe@example.org", "Jane Doe"),
            List.of("jane"),
            List.of("has-hyphen"),
            List.of("user@email.com"),
            List.of("rroe", "Richard Roe Jr."),
            List.of("al"),
            List.of("admin2", "Admin")));

    private final Detector detector = DIRECTORY.detector();

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments(FindingType.USERNAME, "login by «jdoe» ok"),
                arguments(FindingType.USERNAME, "«JDOE» at start, «jdoe»"),
                arguments(FindingType.USERNAME, "pod jupyter-«jdoe» started"),
                arguments(FindingType.USERNAME, "file «jdoe».log"),
                arguments(FindingType.USERNAME, "(«jdoe»)"),
                arguments(FindingType.USERNAME, "jupyter-«has-hyphen»"),
                arguments(FindingType.USERNAME, "«has-hyphen»-x"),
                arguments(FindingType.USERNAME, "«admin2» logged in"),
                arguments(FindingType.USERNAME, "«jane».«jdoe»"),
                arguments(FindingType.EMAIL, "to «jdoe@example.org», cc"),
                arguments(FindingType.EMAIL, "«JDoe@Example.Org»"),
                arguments(FindingType.PERSON_NAME, "by «Jane Doe» on"),
                arguments(FindingType.PERSON_NAME, "«jane doe»"),
                arguments(FindingType.PERSON_NAME, "name: «Richard Roe Jr.»!"),
                arguments(FindingType.SAFE_SLUG, "pod jupyter-«user-email-com---0925f997» x"),
                arguments(FindingType.SAFE_SLUG, "hub.jupyter.org/username=«jdoe-example-org---183bf096»"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rows")
    void findsWholeWordsWithExactSpans(final FindingType type, final String marked) {
        assertThat(MarkedText.detect(detector, marked)).as(marked)
                .containsExactlyElementsOf(MarkedText.expected(marked, type));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "jdoe2",
        "xjdoe",
        "my_jdoe",
        "jdoe_x",
        "jdo",
        "Janet",
        "janes",
        "has-hyphens",
        "al is short",
        "the Admin page",
        "admin",
        "user-email-com---0925f998",
        "jdoe\u00e9",
        "\u00e9jdoe",
        "jdoe0"})
    void ignoresNearMisses(final String text) {
        assertThat(MarkedText.detect(detector, text)).as(text).isEmpty();
    }

    @Test
    void theLongestOfOverlappingMatchesWins() {
        // "Jane Doe" and "jane" start together; "jdoe@example.org" contains "jdoe".
        final List<Finding> out = new ArrayList<>();
        detector.detect("Jane Doe <jdoe@example.org>", out);
        assertThat(out).containsExactly(new Finding(FindingType.PERSON_NAME, 0, 8),
                new Finding(FindingType.EMAIL, 10, 26));
    }

    @Test
    void findsEveryOccurrenceInALongText() {
        final String text = "jdoe ".repeat(10_000);
        final List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        assertThat(out).hasSize(10_000);
        assertThat(out.get(9_999)).isEqualTo(new Finding(FindingType.USERNAME, 49_995, 49_999));
    }

    @Test
    void findsWhatANaiveSearchFindsInALargeDirectory() {
        // Thousands of identifiers sharing first words and prefixes, in texts that mix them with near misses.
        final Random random = new Random(42);
        final List<List<String>> people = new ArrayList<>();
        final List<String> identifiers = new ArrayList<>();
        for (int p = 0; p < 3_000; p++) {
            final String first = "qx" + Integer.toString(p % 700, 36);
            final String last = "zy" + Integer.toString(p, 36);
            final List<String> row = List.of(first + last, first + "." + last + "@example.org",
                    capitalized(first) + " " + capitalized(last));
            people.add(row);
            identifiers.addAll(row);
        }
        final Detector large = IdentityDirectory.of(people).detector();
        final String[] noise = {" ", ".", "-", "@", "_", "x", "9", "é", " by ", ", "};
        for (int t = 0; t < 2_000; t++) {
            final StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                final String id = identifiers.get(random.nextInt(identifiers.size()));
                final String piece = switch (random.nextInt(4)) {
                    case 0 -> id.toUpperCase(Locale.ROOT);
                    case 1 -> id.substring(0, 1 + random.nextInt(id.length()));
                    default -> id;
                };
                text.append(piece).append(noise[random.nextInt(noise.length)]);
            }
            final List<Finding> out = new ArrayList<>();
            large.detect(text, out);
            assertThat(spans(out)).as(text.toString()).isEqualTo(naive(text.toString(), identifiers));
        }
    }

    private static String capitalized(final String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static List<String> spans(final List<Finding> findings) {
        return findings.stream().map(f -> f.start() + "-" + f.end()).toList();
    }

    /** Leftmost-longest whole-word matches, by trying every identifier at every index. */
    private static List<String> naive(final String text, final List<String> identifiers) {
        final List<String> spans = new ArrayList<>();
        final String folded = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < text.length()) {
            int longest = 0;
            final boolean wordStart = i == 0 || !IdentifierTrie.isWordChar(text.charAt(i - 1));
            for (final String id : identifiers) {
                final int end = i + id.length();
                if (end > text.length()) {
                    continue;
                }
                final boolean startsWell = wordStart || !IdentifierTrie.isWordChar(id.charAt(0));
                final boolean endsWell = end == text.length() || !IdentifierTrie.isWordChar(text.charAt(end))
                        || !IdentifierTrie.isWordChar(id.charAt(id.length() - 1));
                if (id.length() > longest && startsWell && folded.startsWith(id.toLowerCase(Locale.ROOT), i)
                        && endsWell) {
                    longest = id.length();
                }
            }
            if (longest > 0) {
                spans.add(i + "-" + (i + longest));
                i += longest;
            } else {
                i++;
            }
        }
        return spans;
    }
}
