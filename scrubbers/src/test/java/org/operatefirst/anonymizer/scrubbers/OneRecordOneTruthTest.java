package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.Detections;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;

/** What a record says about a value holds for the whole record: a name learned from context goes everywhere. */
class OneRecordOneTruthTest {

    private static final MasterSecret SECRET = MasterSecret.of(new byte[32]);

    private final Scrubber scrubber = Scrubber.create(SECRET, Tier.PUBLIC, 2026);
    private final Pseudonymizer pseudonymizer = scrubber.pseudonymizer();

    private String scrub(final RecordKind kind, final String text) {
        final ScrubResult result = scrubber.scrub(kind, text);
        assertThat(result).as(text).isInstanceOf(ScrubResult.Scrubbed.class);
        return ((ScrubResult.Scrubbed) result).output();
    }

    @Test
    void aNameFromAHubPathIsReplacedWhereItStandsAlone() {
        final String p = pseudonymizer.username("jdoe");

        final String output = scrub(RecordKind.LOGS, "[I 2026-12-01 10:00:00.000 JupyterHub log:191] 200 POST"
                + " /hub/api/users/jdoe/activity (jdoe@10.1.2.3) 12.5ms");

        assertThat(output).doesNotContainIgnoringCase("jdoe")
                .contains("/hub/api/users/" + p + "/activity (" + p + "@");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "logs   | `user=jdoe spawned; server of JDoe ready`",
        "logs   | `{\"message\":\"Started server for jdoe\",\"hub.jupyter.org/username\":\"jdoe\"}`",
        "events | `{\"kind\":\"Event\",\"involvedObject\":{\"name\":\"nb-1\"},\"metadata\":{\"annotations\":{\"hub.jupyter.org/username\":\"jdoe\"}},\"message\":\"Killing jdoe's notebook\"}`",
        "metrics | `kube_pod_labels{user=\"jdoe\",pod=\"custom-jdoe-x\"} 1`",
        "logs   | `/user/jdoe/lab opened by jdoe`",
    })
    void aNameGivenAwayAnywhereInTheRecordIsReplacedEverywhere(final String kind, final String record) {
        final String output = scrub(RecordKind.fromName(kind).orElseThrow(), record);

        assertThat(output).doesNotContainIgnoringCase("jdoe").contains(pseudonymizer.username("jdoe"));
    }

    @Test
    void aNameIsReplacedInItsEscapedAndPercentEncodedForms() {
        final String p = pseudonymizer.username("jane.doe+x");
        final String escaped = KubeSpawnerEscape.escape("jane.doe+x");

        final String output = scrub(RecordKind.LOGS, "user=jane.doe+x volume=claim-" + escaped
                + "-home url=/lab/tree/jane.doe%2Bx/");

        assertThat(output).doesNotContain("jane", escaped)
                .isEqualTo("user=" + p + " volume=claim-" + KubeSpawnerEscape.escape(p) + "-home url=/lab/tree/"
                        + p + "/");
    }

    @Test
    void anEscapedPodUserIsReplacedWhereItIsWrittenPlainly() {
        final String output = scrub(RecordKind.LOGS, "pod jupyter-jane-2edoe started; jane.doe connected");

        assertThat(output).doesNotContain("jane").contains("; " + pseudonymizer.username("jane.doe") + " connected");
    }

    @Test
    void nothingLearnedLeavesTheRecordAsBefore() {
        assertThat(scrub(RecordKind.LOGS, "jdoe logged in")).isEqualTo("jdoe logged in");
        assertThat(scrub(RecordKind.LOGS, "user=ab and ab")).isEqualTo("user=" + pseudonymizer.username("ab")
                + " and ab");
    }

    @Test
    void whatOneRecordGaveAwayIsNotCarriedIntoTheNext() {
        scrub(RecordKind.LOGS, "user=jdoe and jdoe");

        assertThat(scrub(RecordKind.LOGS, "jdoe")).isEqualTo("jdoe");
        assertThat(scrub(RecordKind.LOGS, "jdoe logged in")).isEqualTo("jdoe logged in");
    }

    @Test
    void sharedDetectionsBetweenTiersGiveWhatEachTierGivesAlone() {
        final Map<Tier, Integer> epochs = new EnumMap<>(Map.of(Tier.SANITIZED, 0, Tier.PUBLIC, 2026));
        final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(SECRET, epochs, ScrubPolicy.defaults(),
                IdentityDirectory.empty());
        final String record = "{\"message\":\"GET /hub/api/users/jdoe/activity (jdoe@10.1.2.3) for a very long"
                + " line that is longer than the memo's limit\",\"note\":\"jdoe\"}";
        final Detections detections = new Detections();

        for (final Tier tier : Tier.values()) {
            final ScrubResult alone = scrubbers.get(tier).scrub(RecordKind.LOGS, record);
            final ScrubResult shared = scrubbers.get(tier).scrub(RecordKind.LOGS, record, detections);
            assertThat(shared).isEqualTo(alone);
            assertThat(((ScrubResult.Scrubbed) alone).output()).doesNotContain("jdoe");
        }
        // The short value was searched before it was known to be a name; the memo must not have learned it.
        assertThat(((ScrubResult.Scrubbed) scrubbers.get(Tier.PUBLIC).scrub(RecordKind.LOGS, "{\"note\":\"jdoe\"}"))
                .output()).contains("jdoe");
    }
}
