package org.operatefirst.anonymizer.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.operatefirst.anonymizer.scrubbers.Tier;

/** The compact provenance header: written, read back, and the separate headers of older records still read. */
class ProvenanceStampTest {

    @Test
    void encodesBothTiersCompactlyAndReadsThemBack() {
        final ProvenanceStamp open = new ProvenanceStamp(Tier.PUBLIC, 2026, "0.3.0", "CDLA-Permissive-2.0",
                "site/2026-1");
        final ProvenanceStamp sanitized = new ProvenanceStamp(Tier.SANITIZED, 0, "0.3.0", null, "default-1");

        assertThat(new String(open.encode(), StandardCharsets.UTF_8))
                .isEqualTo("p/2026/0.3.0/CDLA-Permissive-2.0/site/2026-1");
        assertThat(new String(sanitized.encode(), StandardCharsets.UTF_8)).isEqualTo("s/0/0.3.0//default-1");
        assertThat(ProvenanceStamp.parse("p/2026/0.3.0/CDLA-Permissive-2.0/site/2026-1")).contains(open);
        assertThat(ProvenanceStamp.parse("s/0/0.3.0//default-1")).contains(sanitized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "p", "x/0/0.3.0//v", "p/epoch/0.3.0//v", "public/0/0.3.0//v", "p/0/0.3.0/v"})
    void aValueThisServiceDidNotWriteIsNoProvenance(final String value) {
        assertThat(ProvenanceStamp.parse(value)).isEmpty();
    }

    @Test
    void readsTheHeaderAndTheFindingsOfARecord() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(RecordHeaderNames.PROVENANCE, utf8("p/2026/0.3.0/CDLA-Permissive-2.0/default-1"));
        headers.add(RecordHeaderNames.FINDINGS, utf8("email=2,ipv4=1"));

        assertThat(ProvenanceStamp.read(headers)).hasValueSatisfying(stamp -> {
            assertThat(stamp.tier()).isEqualTo(Tier.PUBLIC);
            assertThat(stamp.keyEpoch()).isEqualTo(2026);
        });
        assertThat(ProvenanceStamp.findings(headers)).isEqualTo("email=2,ipv4=1");
        assertThat(ProvenanceStamp.findings(new RecordHeaders())).isEmpty();
        assertThat(ProvenanceStamp.read(new RecordHeaders())).isEmpty();
    }

    @Test
    void readsTheSeparateHeadersOfRecordsPublishedBeforeTheCompactOne() {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("anonymizer-tier", utf8("public"));
        headers.add("anonymizer-scrubber-version", utf8("0.2.0"));
        headers.add("anonymizer-policy-version", utf8("default-1"));
        headers.add("anonymizer-key-epoch", utf8("2025"));
        headers.add("dataset-license", utf8("CDLA-Permissive-2.0"));
        headers.add("anonymizer-findings", utf8("email=1"));

        assertThat(ProvenanceStamp.read(headers)).contains(new ProvenanceStamp(Tier.PUBLIC, 2025, "0.2.0",
                "CDLA-Permissive-2.0", "default-1"));
        assertThat(ProvenanceStamp.findings(headers)).isEqualTo("email=1");
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
