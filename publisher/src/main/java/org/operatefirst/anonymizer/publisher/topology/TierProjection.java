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
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * Picks one tier's rewritten record out of a published outcome. The incoming headers are replaced, never copied:
 * collectors put metadata such as pod names into headers, and only headers this service writes leave it.
 */
final class TierProjection implements FixedKeyProcessor<byte[], Outcome.Published, Outcome.Rewritten> {

    private final Tier tier;
    private final RecordKind kind;
    private final byte[] policyVersion;
    private final byte[] keyEpoch;
    private final TopologyMetrics metrics;
    private FixedKeyProcessorContext<byte[], Outcome.Rewritten> context;

    TierProjection(final Tier tier, final RecordKind kind, final TopologySettings settings,
            final TopologyMetrics metrics) {
        this.tier = tier;
        this.kind = kind;
        this.policyVersion = utf8(settings.policyVersion());
        this.keyEpoch = utf8(Integer.toString(settings.scrubbers().get(tier).epoch()));
        this.metrics = metrics;
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
        context.forward(record.withValue(rewritten).withHeaders(provenance(rewritten)));
        metrics.published(tier, kind, rewritten.findings(),
                record.timestamp() > 0 ? Math.max(0, System.currentTimeMillis() - record.timestamp()) : -1);
    }

    /** The passed incoming headers, scrubbed, then the provenance; every other incoming header is dropped. */
    private Headers provenance(final Outcome.Rewritten rewritten) {
        final FindingCounts findings = rewritten.findings();
        final Headers headers = new RecordHeaders();
        for (final Map.Entry<String, byte[]> passed : rewritten.headers()) {
            headers.add(passed.getKey(), passed.getValue());
        }
        headers.add(RecordHeaderNames.TIER, utf8(tier.label()));
        headers.add(RecordHeaderNames.SCRUBBER_VERSION, utf8(Scrubber.VERSION));
        headers.add(RecordHeaderNames.POLICY_VERSION, policyVersion);
        headers.add(RecordHeaderNames.KEY_EPOCH, keyEpoch);
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
