package org.operatefirst.anonymizer.publisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import picocli.CommandLine;

/**
 * {@code anonymizer scrub} over the seed's samples of every kind: the output is exactly the reviewed golden file,
 * no raw identifier or secret survives in any encoding, and each user's pod joins across kinds.
 * {@code -Dgolden.update=true} rewrites the expected files (see {@code golden/README.md}).
 */
class ScrubGoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static Path golden(final String name) {
        try {
            return Path.of(ScrubGoldenTest.class.getResource("/golden/" + name).toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scrub(final RecordKind kind) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new ScrubCommand().withStreams(
                new ByteArrayInputStream(Files.readAllBytes(golden(kind.topicSuffix() + ".input"))), out));
        commandLine.setErr(new PrintWriter(err, true));
        final int status = commandLine.execute("--kind", kind.topicSuffix(), "--tier", "public",
                "--secret-file", golden("golden.key").toString());
        assertThat(err.toString()).as("errors of %s", kind).isEmpty();
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void theOutputIsTheReviewedGoldenFile(final RecordKind kind) throws IOException {
        final String output = scrub(kind);
        if (UPDATE) {
            // Write into the source tree, not target/, so that the change shows up in review.
            Files.writeString(Path.of("src/test/resources/golden", kind.topicSuffix() + ".expected"), output);
            return;
        }
        final Path expected = golden(kind.topicSuffix() + ".expected");
        assertThat(output).isEqualTo(Files.readString(expected));
    }

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void noRawIdentifierOrSecretSurvivesInAnyEncoding(final RecordKind kind) throws IOException {
        final String output = scrub(kind).toLowerCase(Locale.ROOT);
        for (final String identity : Files.readAllLines(golden("identities.txt"))) {
            if (!identity.isBlank()) {
                assertThat(output).as("%s output", kind).doesNotContain(identity.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(output).doesNotContain("jdoe").doesNotContain("redhat").doesNotContain("tcoufal");
    }

    @Test
    void oneUsersPodJoinsAcrossLogsEventsMetricsAndAlerts() throws IOException {
        final String pseudonym = MasterSecretPseudonyms.email(golden("golden.key"), "jdoe@example.org");
        final String pod = "jupyterhub-nb-" + KubeSpawnerEscape.escape(pseudonym);
        assertThat(scrub(RecordKind.LOGS)).contains(pseudonym + " is pending spawn");
        assertThat(scrub(RecordKind.EVENTS)).contains("\"name\":\"" + pod + "\"");
        assertThat(scrub(RecordKind.METRICS)).contains("pod=\"" + pod + "\"");
        assertThat(scrub(RecordKind.ALERTS)).contains("\"pod\":\"" + pod + "\"").contains("owned by " + pseudonym);
        assertThat(List.of(pseudonym)).allMatch(p -> p.endsWith(".invalid"));
    }

    /** The public pseudonym of one value under the golden key, computed the way {@code pseudonym} does. */
    private static final class MasterSecretPseudonyms {
        static String email(final Path key, final String email) throws IOException {
            return org.operatefirst.anonymizer.scrubbers.Scrubber.create(MasterSecret.load(key), Tier.PUBLIC, 2026)
                    .pseudonymizer().email(email).orElseThrow();
        }
    }
}
