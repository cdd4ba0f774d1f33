package org.operatefirst.anonymizer.publisher.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exposition-format reader of the metrics table: samples, and lines that are not samples. */
class ExpositionLineTest {

    @Test
    void readsNameLabelsValueAndTimestamp() {
        assertThat(ExpositionLine.parse("container_memory_working_set_bytes{namespace=\"opf\",pod=\"nb-1\"}"
                + " 2.4117248e+08 1620209251000")).hasValueSatisfying(sample -> {
                    assertThat(sample.metric()).isEqualTo("container_memory_working_set_bytes");
                    // In the order of the line; Map.of has no order to compare with.
                    assertThat(sample.labels()).containsExactly(entry("namespace", "opf"), entry("pod", "nb-1"));
                    assertThat(sample.value()).isEqualTo(2.4117248e+08);
                    assertThat(sample.timestamp()).isEqualTo(1620209251000L);
                });
    }

    @Test
    void readsEscapesSpecialValuesAndSeriesWithoutLabels() {
        assertThat(ExpositionLine.parse("m{path=\"a\\\"b\\\\c\",le=\"+Inf\"} +Inf")).hasValueSatisfying(sample -> {
            assertThat(sample.labels()).containsEntry("path", "a\"b\\c").containsEntry("le", "+Inf");
            assertThat(sample.value()).isInfinite();
            assertThat(sample.timestamp()).isNull();
        });
        assertThat(ExpositionLine.parse("up 1")).hasValueSatisfying(sample -> {
            assertThat(sample.labels()).isEmpty();
            assertThat(sample.value()).isEqualTo(1.0);
        });
        assertThat(ExpositionLine.parse("m{} NaN")).hasValueSatisfying(s -> assertThat(s.value()).isNaN());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# HELP m help", "{\"name\":\"m\"}", "m{a=\"1\"", "m{a=1} 2", "m{a=\"1\"} two",
        "m 1 2 3", "m", "9m 1", "m{a=\"1\"} 1 notatime"})
    void somethingElseIsNotASample(final String line) {
        assertThat(ExpositionLine.parse(line)).isEmpty();
    }
}
