package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * Picks one tier's rewritten record out of a published outcome. The incoming headers are replaced, never copied:
 * collectors put metadata such as pod names into headers, and only headers this service writes leave it.
 */
final class TierProjection implements FixedKeyProcessor<byte[], Outcome.Published, Outcome.Rewritten> {

    private final Tier tier;
    private final byte[] policyVersion;
    private FixedKeyProcessorContext<byte[], Outcome.Rewritten> context;

    TierProjection(final Tier tier, final String policyVersion) {
        this.tier = tier;
        this.policyVersion = utf8(policyVersion);
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], Outcome.Rewritten> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], Outcome.Published> record) {
        final Outcome.Rewritten rewritten = record.value().forTier(tier);
        if (rewritten == null) {
            // The publication policy withholds this record from this tier.
            return;
        }
        context.forward(record.withValue(rewritten).withHeaders(provenance(rewritten.findings())));
    }

    private Headers provenance(final FindingCounts findings) {
        final Headers headers = new RecordHeaders();
        headers.add(RecordHeaderNames.TIER, utf8(tier.label()));
        headers.add(RecordHeaderNames.SCRUBBER_VERSION, utf8(Scrubber.VERSION));
        headers.add(RecordHeaderNames.POLICY_VERSION, policyVersion);
        final StringJoiner counts = new StringJoiner(",");
        for (final Map.Entry<FindingType, Integer> entry : findings.asMap().entrySet()) {
            counts.add(entry.getKey().name().toLowerCase(Locale.ROOT) + "=" + entry.getValue());
        }
        headers.add(RecordHeaderNames.FINDINGS, utf8(counts.toString()));
        if (tier == Tier.PUBLIC) {
            headers.add(RecordHeaderNames.DATASET_LICENSE, utf8(PublisherTopology.DATASET_LICENSE));
        }
        return headers;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
