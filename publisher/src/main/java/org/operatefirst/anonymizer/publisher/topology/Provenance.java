package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * The headers of output records. A published record gets the passed incoming headers, scrubbed, then its
 * provenance: one compact header for tier, key epoch, scrubber version, dataset license (public tier) and policy
 * version ({@link ProvenanceStamp}), and, if anything was rewritten, the counts of rewrites by type (ADR-0023).
 * Every other incoming header is dropped, since collectors put metadata such as pod names into headers. A
 * quarantined record keeps its incoming headers, without any provenance or license claim, and gets the reason and
 * its source.
 *
 * <p>The constant headers are encoded once per tier, not once per record. Public for {@code anonymizer bench},
 * whose frame topology writes the same headers.
 */
public final class Provenance {

    private static final String[] TYPE_LABELS = new String[FindingType.values().length];

    static {
        for (final FindingType type : FindingType.values()) {
            TYPE_LABELS[type.ordinal()] = type.name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Tier, Header[]> constants = new EnumMap<>(Tier.class);

    /**
     * Creates the provenance of a topology.
     *
     * @param settings the policy version and, per tier, the scrubber whose key epoch is recorded
     */
    public Provenance(final TopologySettings settings) {
        for (final Tier tier : Tier.values()) {
            final ProvenanceStamp stamp = new ProvenanceStamp(tier, settings.scrubbers().get(tier).epoch(),
                    Scrubber.VERSION, tier == Tier.PUBLIC ? PublisherTopology.DATASET_LICENSE : null,
                    settings.policyVersion());
            constants.put(tier, new Header[] {new RecordHeader(RecordHeaderNames.PROVENANCE, stamp.encode())});
        }
    }

    /**
     * The headers every record of a tier carries: its {@link ProvenanceStamp}.
     *
     * @param tier the tier
     * @return the headers, encoded once
     */
    public List<Header> constantHeaders(final Tier tier) {
        return List.of(constants.get(tier));
    }

    /**
     * The headers of one tier's record: the passed incoming headers, scrubbed, then the provenance (the constant
     * header of the tier, then the counts of rewrites if there are any). Consumers read headers by name, not by
     * position.
     *
     * @param tier      the tier
     * @param rewritten the tier's version of the record
     * @return the headers
     */
    Headers published(final Tier tier, final Outcome.Rewritten rewritten) {
        final Header[] constant = constants.get(tier);
        final boolean found = !rewritten.findings().asMap().isEmpty();
        final Header[] headers = new Header[rewritten.headers().size() + constant.length + (found ? 1 : 0)];
        int i = 0;
        for (final Map.Entry<String, byte[]> passed : rewritten.headers()) {
            headers[i++] = new RecordHeader(passed.getKey(), passed.getValue());
        }
        System.arraycopy(constant, 0, headers, i, constant.length);
        if (found) {
            headers[i + constant.length] = header(RecordHeaderNames.FINDINGS, findings(rewritten.findings()));
        }
        return new RecordHeaders(headers);
    }

    /**
     * The headers of a quarantined record: its incoming headers, without any license claim, then why and where
     * from.
     *
     * @param incoming    the raw record's headers
     * @param quarantined why it is quarantined
     * @param source      the raw record's topic, partition and offset, if known
     * @return the headers
     */
    static Headers quarantined(final Headers incoming, final Outcome.Quarantined quarantined,
            final Optional<RecordMetadata> source) {
        final Headers headers = new RecordHeaders(incoming.toArray());
        // Quarantined data is not licensed for publication, nor scrubbed, whatever a collector claimed.
        headers.remove(RecordHeaderNames.PROVENANCE);
        headers.remove(RecordHeaderNames.FINDINGS);
        headers.add(header(RecordHeaderNames.QUARANTINE_REASON, quarantined.reason()));
        headers.add(header(RecordHeaderNames.QUARANTINE_DETAIL, quarantined.detail()));
        source.ifPresent(metadata -> {
            headers.add(header(RecordHeaderNames.SOURCE_TOPIC, metadata.topic()));
            headers.add(header(RecordHeaderNames.SOURCE_PARTITION, Integer.toString(metadata.partition())));
            headers.add(header(RecordHeaderNames.SOURCE_OFFSET, Long.toString(metadata.offset())));
        });
        return headers;
    }

    /** The counts by type, for example {@code email=2,ipv4=1}. */
    private static String findings(final FindingCounts findings) {
        final StringBuilder counts = new StringBuilder();
        for (final Map.Entry<FindingType, Integer> entry : findings.asMap().entrySet()) {
            if (!counts.isEmpty()) {
                counts.append(',');
            }
            counts.append(TYPE_LABELS[entry.getKey().ordinal()]).append('=').append(entry.getValue());
        }
        return counts.toString();
    }

    private static Header header(final String key, final String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
