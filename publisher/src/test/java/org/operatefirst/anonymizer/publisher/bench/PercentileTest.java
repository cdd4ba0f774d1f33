package org.operatefirst.anonymizer.publisher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,2,3,4,5,6,7,8,9,10 | 0.50 | 5",
        "1,2,3,4,5,6,7,8,9,10 | 0.99 | 10",
        "7                    | 0.50 | 7",
        "7                    | 0.99 | 7",
        "''                   | 0.50 | 0",
    })
    void isTheNearestRank(final String values, final double fraction, final long expected) {
        final long[] sorted = values.isEmpty() ? new long[0]
                : java.util.Arrays.stream(values.split(",")).mapToLong(Long::parseLong).toArray();
        assertThat(BenchRun.percentile(sorted, fraction)).isEqualTo(expected);
    }
}
