package org.operatefirst.anonymizer.scrubbers.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefilterTest {

    private static final Prefilter SLUGS = Prefilter.anyOf(List.of("---", "--"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jupyter-a---0925f997    | true
            jupyter-jdoe--server    | true
            jupyter-jdoe-server     | false
            2021-05-05              | false
            """)
    void matchesExactly(final String text, final boolean may) {
        assertThat(SLUGS.mayMatch(text)).isEqualTo(may);
        // Text that is not a String is always scanned.
        assertThat(SLUGS.mayMatch(new StringBuilder(text))).isTrue();
    }

    @Test
    void refusesEmptyLiterals() {
        assertThatThrownBy(() -> Prefilter.anyOf(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
