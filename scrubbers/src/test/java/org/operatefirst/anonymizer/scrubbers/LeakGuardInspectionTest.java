package org.operatefirst.anonymizer.scrubbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;

/**
 * The guard's raw text inspected once and checked against several outputs, the shapes beyond the seed's that it
 * knows, and what a leak carries.
 */
class LeakGuardInspectionTest {

    private static final ScrubPolicy POLICY = ScrubPolicy.fromMap(Map.of(
            "kept-cidrs", List.of("172.30.0.0/16"), "kept-email-domains", List.of("example.com")));
    private static final IdentityDirectory DIRECTORY = IdentityDirectory.of(List.of(
            List.of("jdoe", "jdoe@example.org", "Jane Roe-Doe"), List.of("asmith")));
    private static final LeakGuard GUARD = LeakGuard.create(POLICY, DIRECTORY);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            owner jdoe@example.org                  | owner jdoe@example.org              | EMAIL
            from 203.0.113.7:5123                   | from 203.0.113.7:5123               | IPV4
            login=kvasquez                          | seen KVasquez at the desk           | USERNAME
            password=Tr0ub4dor&3                    | password=Tr0ub4dor&3                | PASSWORD
            hello Jane Roe-Doe                      | hello Jane Roe-Doe                  | PERSON_NAME
            service 172.30.0.10                     | service 172.30.0.10                 | NONE
            nothing to see                          | nothing to see                      | NONE
            nothing to see                          | nothing at all                      | NONE
            password=[REDACTED:password]            | password=[REDACTED:password]        | NONE
            """)
    void anInspectedRawTextGivesWhatTheRawTextGives(final String raw, final String output, final FindingType type) {
        final LeakGuard.RawText inspected = GUARD.inspect(raw);
        // Twice, as for two tiers: the second check of an unchanged output answers from the first.
        for (int tier = 0; tier < 2; tier++) {
            assertThat(GUARD.check(inspected, output).map(LeakGuard.Leak::type))
                    .isEqualTo(GUARD.check(raw, output).map(LeakGuard.Leak::type))
                    .isEqualTo(java.util.Optional.ofNullable(type));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Failed password for invalid user kvasquez from 203.0.113.9 port 22 | kvasquez tried again        | USERNAME
            Accepted publickey for mlindqvist from 192.0.2.44 port 50022 ssh2  | mlindqvist is in            | USERNAME
            198.51.100.9 - rtakahashi [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 | by rtakahashi     | USERNAME
            node ip-10-0-3-17.ec2.internal is ready                       | node 10-0-3-17 was ready           | IPV4_HYPHENATED
            resolved 203-0-113-7.dsl.example.net                          | peer 203-0-113-7 left              | IPV4_HYPHENATED
            BP-1347369012-198.51.100.170-1444972147527 block              | pool 198.51.100.170 up             | IPV4
            """)
    void rawShapesBeyondTheSeedAreNotEchoed(final String raw, final String output, final FindingType type) {
        assertThat(GUARD.check(raw, output)).hasValueSatisfying(leak -> assertThat(leak.type()).isEqualTo(type));
    }

    @Test
    void aKeptAddressWrittenWithHyphensIsNoLeak() {
        assertThat(GUARD.check("node ip-172-30-0-10.ec2.internal", "node 172-30-0-10 ready")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            x | posted with xoxb-1234567890-abcdefghij  | SLACK_TOKEN
            x | key glpat-abcdefghij0123456789          | GITLAB_TOKEN
            x | npm npm_abcdefghijklmnopqrstuvwxyz0123456789 | NPM_TOKEN
            """)
    void tokenShapesInAnOutputMustBeRedacted(final String raw, final String output, final FindingType type) {
        assertThat(GUARD.check(raw, output)).hasValueSatisfying(leak -> assertThat(leak.type()).isEqualTo(type));
    }

    @Test
    void aLeakGivesItsValueOnlyForCorrectionAndNeverPrintsIt() {
        final LeakGuard.Leak leak = GUARD.check("login=kvasquez", "seen kvasquez").orElseThrow();
        assertThat(leak.correctable()).contains("kvasquez");
        assertThat(leak.toString()).doesNotContain("kvasquez");
        assertThat(leak.reason()).isEqualTo("leak-blocked-username");
    }

    @Test
    void onlyNamesAreCorrectable() {
        assertThat(GUARD.check("owner jdoe@example.org", "owner jdoe@example.org").orElseThrow().correctable())
                .isEmpty();
        assertThat(GUARD.check("from 203.0.113.7", "from 203.0.113.7").orElseThrow().correctable()).isEmpty();
        assertThat(GUARD.check("hello", "Jane Roe-Doe was here").orElseThrow().correctable())
                .contains("Jane Roe-Doe");
        assertThat(GUARD.check("pod jupyterhub-nb-bob-2dsmith", "pod jupyterhub-nb-bob-2dsmith")
                .orElseThrow().correctable()).contains("bob-smith");
    }
}
