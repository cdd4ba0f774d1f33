package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.operatefirst.anonymizer.scrubbers.rewrite.LearnedIdentities;
import org.operatefirst.anonymizer.scrubbers.rewrite.Pseudonymizer;

/** Names a record gives away are replaced in later records that mention them without context (ADR-0024). */
class LearnedIdentitiesScrubbingTest {

    private static final MasterSecret SECRET = MasterSecret.of(new byte[32]);

    private final LearnedIdentities memory = LearnedIdentities.of(100, Duration.ofHours(1));
    private final Map<Tier, Scrubber> scrubbers = Scrubber.createAll(SECRET, Map.of(Tier.PUBLIC, 2026,
            Tier.SANITIZED, 0), ScrubPolicy.defaults(), IdentityDirectory.empty(), memory);
    private final Scrubber scrubber = scrubbers.get(Tier.PUBLIC);
    private final Pseudonymizer pseudonymizer = scrubber.pseudonymizer();

    private String scrub(final Scrubber with, final RecordKind kind, final String text) {
        final ScrubResult result = with.scrub(kind, text);
        assertThat(result).as(text).isInstanceOf(ScrubResult.Scrubbed.class);
        return ((ScrubResult.Scrubbed) result).output();
    }

    @Test
    void aLaterRecordWithTheBareNameGetsTheEarlierRecordsPseudonym() {
        final String first = scrub(scrubber, RecordKind.LOGS,
                "[I 2026-12-01 10:00:00.000 JupyterHub log:191] 200 GET /hub/api/users/kroe42 (10.1.2.3) 12.5ms");
        final String later = scrub(scrubber, RecordKind.LOGS, "[W 2026-12-01 10:05:00.000 JupyterHub proxy:1] "
                + "Kroe42's server stopped; kroe42 notified");

        final String p = pseudonymizer.username("kroe42");
        assertThat(first).contains("/hub/api/users/" + p + " ");
        assertThat(later).doesNotContainIgnoringCase("kroe42").contains(p + "'s server stopped; " + p + " notified");
    }

    @Test
    void learningFromOneKindHoldsForAnother() {
        scrub(scrubber, RecordKind.EVENTS, "{\"kind\":\"Event\",\"metadata\":{\"annotations\":"
                + "{\"hub.jupyter.org/username\":\"kroe42\"}},\"message\":\"Scheduled\"}");

        assertThat(scrub(scrubber, RecordKind.METRICS, "node_info{note=\"kroe42\"} 1"))
                .isEqualTo("node_info{note=\"" + pseudonymizer.username("kroe42") + "\"} 1");
    }

    @Test
    void theTiersShareTheMemoryAndEachUsesItsOwnKeys() {
        scrub(scrubber, RecordKind.LOGS, "GET /user/kroe42/lab");

        final Scrubber sanitized = scrubbers.get(Tier.SANITIZED);
        assertThat(scrub(sanitized, RecordKind.LOGS, "bye kroe42"))
                .isEqualTo("bye " + sanitized.pseudonymizer().username("kroe42"));
    }

    @Test
    void commonWordsLearnedFromContextAreNotCarriedToOtherRecords() {
        scrub(scrubber, RecordKind.LOGS, "user=admin GET /user/test/ user=bob");

        assertThat(scrub(scrubber, RecordKind.LOGS, "admin test bob ran the job"))
                .isEqualTo("admin test bob ran the job");
        assertThat(memory.size()).isZero();
    }

    @Test
    void withoutAMemoryARecordKnowsOnlyWhatItGivesAway() {
        final Scrubber alone = Scrubber.create(SECRET, Tier.PUBLIC, 2026);
        scrub(alone, RecordKind.LOGS, "GET /user/kroe42/lab");

        assertThat(scrub(alone, RecordKind.LOGS, "bye kroe42")).isEqualTo("bye kroe42");
    }

    @Test
    void aCallerThatOrdersLearningItselfGetsTheNamesAndAppliesThem() {
        final Scrubber.Learning first = scrubber.scrubLearning(RecordKind.LOGS, "GET /user/kroe42/lab user=jdoe2");

        assertThat(first.learned()).containsExactly("kroe42", "jdoe2");
        assertThat(((ScrubResult.Scrubbed) scrubber.scrubKnowing(RecordKind.LOGS, "bye kroe42", List.of("kroe42")))
                .output()).isEqualTo("bye " + pseudonymizer.username("kroe42"));
        // Neither call touched the scrubber's own memory.
        assertThat(memory.size()).isZero();
    }
}
