package org.operatefirst.anonymizer.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusKafkaAdapterDecoderTest {

    private final PrometheusKafkaAdapterDecoder decoder = new PrometheusKafkaAdapterDecoder(1 << 16);

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"timestamp":"2021-05-05T10:02:42Z","value":"1","name":"up","labels":{"__name__":"up","instance":"192.0.2.7:9100","job":"node"}} | up{instance="192.0.2.7:9100",job="node"} 1 1620208962000
            {"timestamp":"2021-05-05T10:02:42.21Z","value":"0.25","name":"m","labels":{"user":"jdoe@example.org"}} | m{user="jdoe@example.org"} 0.25 1620208962210
            {"timestamp":"1970-01-01T00:00:00Z","value":"NaN","name":"m","labels":{}}                         | m{} NaN 0
            {"timestamp":"1970-01-01T00:00:00Z","value":"+Inf","name":"m","labels":{"q":"a\\"b"}}             | m{q="a\\"b"} +Inf 0
            {"timestamp":"1970-01-01T00:00:00Z","value":"9876543210","name":"m","labels":{}}                  | m{} 9876543210 0
            """)
    void writesOneExpositionLinePerSample(final String input, final String line) {
        assertThat(decoder.decode(input.getBytes(StandardCharsets.UTF_8))).isEqualTo(new DecodeResult.Decoded(line));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            hex value          | {"timestamp":"1970-01-01T00:00:00Z","value":"0x1p3","name":"m","labels":{}}
            Java infinity      | {"timestamp":"1970-01-01T00:00:00Z","value":"Infinity","name":"m","labels":{}}
            numeric value      | {"timestamp":"1970-01-01T00:00:00Z","value":1,"name":"m","labels":{}}
            bad timestamp      | {"timestamp":"yesterday","value":"1","name":"m","labels":{}}
            name mismatch      | {"timestamp":"1970-01-01T00:00:00Z","value":"1","name":"m","labels":{"__name__":"n"}}
            bad metric name    | {"timestamp":"1970-01-01T00:00:00Z","value":"1","name":"a.b","labels":{}}
            numeric label      | {"timestamp":"1970-01-01T00:00:00Z","value":"1","name":"m","labels":{"a":1}}
            no labels          | {"timestamp":"1970-01-01T00:00:00Z","value":"1","name":"m"}
            """)
    void rejectsWhatItCannotWriteExactly(final String name, final String input) {
        assertThat(decoder.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(LogEnvelopeDecoder.REASON_SHAPE));
    }
}
