package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefilterTest {

    private static final Prefilter CASELESS = Prefilter.anyOf(List.of("user", "username", "Spawn"), true);
    private static final Prefilter EXACT = Prefilter.anyOf(List.of("---", "--"), false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GET /user/x/                 | true
            USERNAME=x                   | true
            a uSeR here                  | true
            %2Fspawn-pending%2F           | true
            /SPAWN/                      | true
            nothing to see               | false
            use r                        | false
            us                           | false
            """)
    void ignoresCase(final String text, final boolean may) {
        assertThat(CASELESS.mayMatch(text)).isEqualTo(may);
        // Text that is not a String is always scanned.
        assertThat(CASELESS.mayMatch(new StringBuilder(text))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jupyter-a---0925f997    | true
            jupyter-jdoe--server    | true
            jupyter-jdoe-server     | false
            2021-05-05              | false
            """)
    void matchesExactly(final String text, final boolean may) {
        assertThat(EXACT.mayMatch(text)).isEqualTo(may);
    }

    @org.junit.jupiter.api.Test
    void refusesEmptyLiterals() {
        assertThatThrownBy(() -> Prefilter.anyOf(List.of(""), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
