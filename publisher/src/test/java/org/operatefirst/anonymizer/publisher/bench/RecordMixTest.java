package org.operatefirst.anonymizer.publisher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

class RecordMixTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "logs=60,events=20,metrics=15,alerts=5 | logs=60,events=20,metrics=15,alerts=5 | 100",
        "alerts=1,logs=3                       | logs=3,alerts=1                       | 4",
        " LOGS = 7                             | logs=7                                | 7",
        "logs=0,events=2                       | logs=0,events=2                       | 2",
    })
    void parsesWeightsInKindOrder(final String text, final String canonical, final int total) {
        final RecordMix mix = RecordMix.parse(text);
        assertThat(mix).hasToString(canonical);
        assertThat(mix.total()).isEqualTo(total);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "logs", "logs=", "logs=x", "traces=1", "logs=1,logs=2", "logs=-1,events=2",
        "logs=0", "logs=1,"})
    void rejectsAMixThatIsNotKindEqualsWeight(final String text) {
        assertThatThrownBy(() -> RecordMix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, LOGS", "2, LOGS", "3, ALERTS", "0, LOGS"})
    void picksTheKindWhoseShareCoversThePosition(final int position, final RecordKind kind) {
        assertThat(new RecordMix(Map.of(RecordKind.LOGS, 3, RecordKind.ALERTS, 1)).pick(position)).isEqualTo(kind);
    }
}
