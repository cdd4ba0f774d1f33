package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * Recorded samples of common log shapes, with fictional identities: OpenSSH, Linux syslog, Apache error and access
 * logs and Hadoop in the formats of the public loghub 2k samples, and Kubernetes audit events, kubelet messages,
 * HTTP headers and tokens. No planted value (corpus/planted.txt) survives scrubbing, with or without a directory.
 */
class RecordedCorpusTest {

    private static final MasterSecret SECRET = MasterSecret.of(new byte[32]);

    private static String resource(final String name) throws IOException {
        try (InputStream in = RecordedCorpusTest.class.getResourceAsStream("/corpus/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}, directory: {1}")
    @CsvSource({
        "openssh.log, false", "openssh.log, true",
        "linux.log, false", "linux.log, true",
        "apache-error.log, false", "apache-error.log, true",
        "apache-access.log, false", "apache-access.log, true",
        "hadoop.log, false", "hadoop.log, true",
        "shapes.log, false", "shapes.log, true",
    })
    void noPlantedValueSurvives(final String file, final boolean withDirectory) throws IOException {
        final IdentityDirectory directory = withDirectory
                ? IdentityDirectory.parse(resource("people.tsv").getBytes(StandardCharsets.UTF_8), "people.tsv")
                : IdentityDirectory.empty();
        final Scrubber scrubber = Scrubber.create(SECRET, Tier.PUBLIC, 2026, ScrubPolicy.defaults(), directory);
        final List<String> planted = resource("planted.txt").lines().filter(line -> !line.isBlank()).toList();
        final List<String> survivors = new ArrayList<>();
        int lines = 0;
        for (final String line : resource(file).lines().toList()) {
            final ScrubResult result = scrubber.scrub(RecordKind.LOGS, line);
            assertThat(result).as(line).isInstanceOf(ScrubResult.Scrubbed.class);
            final String output = ((ScrubResult.Scrubbed) result).output();
            for (final String value : planted) {
                if (contains(line, value) && contains(output, value)) {
                    survivors.add(value + " in: " + output);
                }
            }
            lines++;
        }
        assertThat(lines).isGreaterThan(4);
        assertThat(survivors).isEmpty();
    }

    /** Whether a value occurs in a text as a whole token, ignoring case. */
    private static boolean contains(final String text, final String value) {
        final String lower = text.toLowerCase(Locale.ROOT);
        final String needle = value.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
            final int end = at + needle.length();
            if ((at == 0 || !isWordChar(lower.charAt(at - 1))) && (end == lower.length()
                    || !isWordChar(lower.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(final char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
