package org.operatefirst.anonymizer.scrubbers.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.scrubbers.detect.Finding;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

class OverlapsTest {

    private static Finding f(final FindingType type, final int start, final int end) {
        return new Finding(type, start, end);
    }

    @Test
    void keepsDisjointFindingsInOrder() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.IPV4, 10, 20), f(FindingType.EMAIL, 0, 5))))
                .containsExactly(f(FindingType.EMAIL, 0, 5), f(FindingType.IPV4, 10, 20));
    }

    @Test
    void keepsAdjacentFindings() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.EMAIL, 0, 5), f(FindingType.IPV6, 5, 9))))
                .containsExactly(f(FindingType.EMAIL, 0, 5), f(FindingType.IPV6, 5, 9));
    }

    @Test
    void theEarlierStartWinsAnOverlap() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.IPV4, 3, 12), f(FindingType.EMAIL, 0, 5))))
                .containsExactly(f(FindingType.EMAIL, 0, 5));
    }

    @Test
    void theLongerSpanWinsAtTheSameStart() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.IPV4, 2, 9), f(FindingType.IPV6, 2, 20))))
                .containsExactly(f(FindingType.IPV6, 2, 20));
    }

    @Test
    void theFirstTypeWinsEqualSpans() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.IPV6, 2, 9), f(FindingType.EMAIL, 2, 9))))
                .containsExactly(f(FindingType.EMAIL, 2, 9));
    }

    @Test
    void aContainedSpanIsDropped() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.EMAIL, 0, 30), f(FindingType.IPV4, 10, 20),
                f(FindingType.IPV4, 30, 40))))
                .containsExactly(f(FindingType.EMAIL, 0, 30), f(FindingType.IPV4, 30, 40));
    }

    @Test
    void aPersonalFindingAroundASecretGoesWithIt() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.EMAIL, 0, 30), f(FindingType.JWT, 10, 20))))
                .containsExactly(f(FindingType.JWT, 0, 30));
    }

    @Test
    void aPersonalFindingThatASecretCutsIntoGoesWithIt() {
        // "state=abc'jdoe@example.org": the query value ends at the quote, inside the email's local part.
        assertThat(Overlaps.resolve(List.of(f(FindingType.OAUTH_PARAMETER, 6, 9), f(FindingType.EMAIL, 6, 26))))
                .containsExactly(f(FindingType.OAUTH_PARAMETER, 6, 26));
        assertThat(Overlaps.resolve(List.of(f(FindingType.EMAIL, 0, 10), f(FindingType.PASSWORD, 5, 20))))
                .containsExactly(f(FindingType.PASSWORD, 0, 20));
    }

    @Test
    void urlCredentialsKeepTheHostThatAnOverlappingEmailReaches() {
        // "https://user:jdoe@example.org": the email overlaps the credentials and goes; the host stays.
        assertThat(Overlaps.resolve(List.of(f(FindingType.EMAIL, 13, 29), f(FindingType.URL_CREDENTIALS, 8, 17))))
                .containsExactly(f(FindingType.URL_CREDENTIALS, 8, 17));
    }

    @Test
    void urlCredentialsKeepAnAdjacentAddress() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.URL_CREDENTIALS, 8, 17), f(FindingType.EMAIL, 13, 29),
                f(FindingType.IPV4, 30, 40))))
                .containsExactly(f(FindingType.URL_CREDENTIALS, 8, 17), f(FindingType.IPV4, 30, 40));
    }

    @Test
    void eachGroupIsResolvedOnItsOwnInOrder() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.IPV4, 25, 30), f(FindingType.JWT, 10, 20),
                f(FindingType.IPV4, 18, 22), f(FindingType.EMAIL, 0, 5), f(FindingType.IPV6, 21, 24),
                f(FindingType.PASSWORD, 40, 50), f(FindingType.EMAIL, 35, 41))))
                .containsExactly(f(FindingType.EMAIL, 0, 5), f(FindingType.JWT, 10, 24), f(FindingType.IPV4, 25, 30),
                        f(FindingType.PASSWORD, 35, 50));
    }

    @Test
    void overlappingSecretsMergeIntoTheFirst() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.BEARER_TOKEN, 5, 40), f(FindingType.PASSWORD, 0, 10),
                f(FindingType.JWT, 10, 20))))
                .containsExactly(f(FindingType.PASSWORD, 0, 40));
    }

    @Test
    void adjacentFindingsStayApart() {
        assertThat(Overlaps.resolve(List.of(f(FindingType.PASSWORD, 0, 10), f(FindingType.EMAIL, 10, 20),
                f(FindingType.JWT, 20, 30), f(FindingType.IPV4, 29, 35))))
                .containsExactly(f(FindingType.PASSWORD, 0, 10), f(FindingType.EMAIL, 10, 20),
                        f(FindingType.JWT, 20, 35));
    }

    @Test
    void emptyAndSingleInputsPassThrough() {
        assertThat(Overlaps.resolve(List.of())).isEmpty();
        assertThat(Overlaps.resolve(List.of(f(FindingType.EMAIL, 1, 2)))).containsExactly(f(FindingType.EMAIL, 1, 2));
    }
}
