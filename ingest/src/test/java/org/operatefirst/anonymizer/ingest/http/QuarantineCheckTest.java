package org.operatefirst.anonymizer.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.operatefirst.anonymizer.ingest.decode.Decoders;
import org.operatefirst.anonymizer.ingest.decode.LogEnvelopeDecoder;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.receive.RawRecord;

/** The receivers' check: the first record the publisher's decoder would quarantine, with its reason. */
class QuarantineCheckTest {

    private static final RecordDecoder VIAQ = Decoders.named("viaq", 1 << 20, 64);
    private static final String VIAQ_RECORD = "{\"@timestamp\":\"2026-12-07T10:00:00Z\",\"message\":\"GET /\","
            + "\"log_type\":\"application\"}";

    @Test
    void recordsTheDecoderReadsPass() {
        assertThat(QuarantineCheck.firstRejected(VIAQ, List.of(json(VIAQ_RECORD), json(VIAQ_RECORD)))).isNull();
        assertThat(QuarantineCheck.firstRejected(Decoders.named("text", 1 << 20, 64),
                List.of(text("GET /user/jdoe@example.org/")))).isNull();
    }

    @Test
    void aPlainLineForTheViaqDecoderIsNamedWithTheDecodersReason() {
        final QuarantineCheck.Rejection rejection = QuarantineCheck.firstRejected(VIAQ,
                List.of(json(VIAQ_RECORD), text("GET /user/jdoe@example.org/")));

        assertThat(rejection.reason()).isEqualTo("not-json");
        assertThat(rejection.detail()).startsWith("record 2 of 2 would be quarantined: ").doesNotContain("jdoe");
    }

    @Test
    void jsonOfAnotherCollectorIsNamedWithTheMissingField() {
        final QuarantineCheck.Rejection rejection = QuarantineCheck.firstRejected(VIAQ,
                List.of(json("{\"message\":\"GET /\",\"kubernetes\":{\"pod_namespace\":\"a\",\"pod_name\":\"b\"}}")));

        assertThat(rejection.reason()).isEqualTo(LogEnvelopeDecoder.REASON_SHAPE);
        assertThat(rejection.detail()).contains("@timestamp");
    }

    @Test
    void theAnswerIs422WithTheReason() {
        assertThat(Answers.wouldBeQuarantined("not-json", "record 1 of 1 would be quarantined: the value is not valid"
                + " JSON").getStatus().getCode()).isEqualTo(422);
        assertThat(Answers.wouldBeQuarantined("not-json", "d").body())
                .isEqualTo("{\"error\":\"would_be_quarantined\",\"reason\":\"not-json\",\"detail\":\"d\"}");
    }

    private static RawRecord text(final String line) {
        return new RawRecord(null, line.getBytes(StandardCharsets.UTF_8), RawRecord.TEXT);
    }

    private static RawRecord json(final String document) {
        return new RawRecord(null, document.getBytes(StandardCharsets.UTF_8), RawRecord.JSON);
    }
}
