package org.operatefirst.anonymizer.scrubbers.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.ContextUsernameDetector;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;

/**
 * Hostile sizes: a large directory, a megabyte line, and inputs built to make the automaton or the context scanner
 * quadratic. Each must finish well inside its timeout. Building the directory of 100,000 people takes about three
 * seconds of CPU; the timeouts leave room for a busy build machine, and would still stop a quadratic scan, which
 * takes hours on these sizes.
 */
class IdentityDirectoryDosTest {

    private static final int PEOPLE = 100_000;

    private static IdentityDirectory large() {
        final StringBuilder file = new StringBuilder(PEOPLE * 60);
        for (int i = 0; i < PEOPLE; i++) {
            file.append("user").append(i).append('\t').append("user").append(i).append("@example.org\tUser Number ")
                    .append(i).append('\n');
        }
        return IdentityDirectory.parse(file.toString().getBytes(StandardCharsets.UTF_8), "large.tsv");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void buildsADirectoryOfAHundredThousandPeopleAndScansAMegabyteWithIt() {
        final IdentityDirectory directory = large();
        assertThat(directory.people()).isEqualTo(PEOPLE);
        final Scrubber scrubber = Scrubber.create(MasterSecret.of(new byte[32]), Tier.PUBLIC, 2026,
                ScrubPolicy.defaults(), directory);

        final String line = "user99999 and User Number 4711 wrote to user123@example.org; ".repeat(16_000);
        final ScrubResult result = scrubber.scrub(RecordKind.LOGS, line);

        assertThat(result).isInstanceOf(ScrubResult.Scrubbed.class);
        assertThat(((ScrubResult.Scrubbed) result).output()).doesNotContain("user99999", "User Number",
                "user123@");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void patternsThatAreSuffixesOfEachOtherStayLinear() {
        final List<List<String>> people = new ArrayList<>();
        for (int length = 3; length <= 256; length++) {
            people.add(List.of("a".repeat(length)));
        }
        final IdentityDirectory directory = IdentityDirectory.of(people);
        final List<Finding> out = new ArrayList<>();
        directory.detector().detect("a".repeat(1 << 20), out);
        assertThat(out).isEmpty();
        directory.detector().detect("a".repeat(255) + " ", out);
        assertThat(out).hasSize(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHundredThousandUserPathsAndKeysStayLinear() {
        final ContextUsernameDetector detector = new ContextUsernameDetector(ScrubPolicy.defaults().usernameFields());
        for (final String input : List.of("/user/".repeat(100_000), "%2Fuser%2F".repeat(100_000),
                "user=".repeat(100_000), "user:".repeat(100_000), "\"user\":\"".repeat(100_000),
                "user=\"" + "a".repeat(1 << 20), "/user/" + "a".repeat(1 << 20), "%252525".repeat(100_000),
                "a".repeat(1 << 20) + "user=jdoe", "user=" + "x=".repeat(500_000))) {
            final List<Finding> out = new ArrayList<>();
            detector.detect(input, out);
            assertThat(out.size()).isLessThanOrEqualTo(input.length());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMegabyteOfSlugLikeTokensStaysLinear() {
        final Scrubber scrubber = Scrubber.create(MasterSecret.of(new byte[32]), Tier.PUBLIC, 2026);
        for (final String input : List.of("jupyter-" + "a---0925f997--".repeat(70_000),
                "jupyter-a" + "--".repeat(500_000), ("claim-" + "a-".repeat(120) + "--b ").repeat(4_000))) {
            assertThat(scrubber.scrub(RecordKind.LOGS, input)).isInstanceOf(ScrubResult.Scrubbed.class);
        }
    }
}
