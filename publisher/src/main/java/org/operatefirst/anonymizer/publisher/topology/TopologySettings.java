package org.operatefirst.anonymizer.publisher.topology;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Everything the topology is built from: validated once, immutable. The service builds it from configuration;
 * tests build the same record directly.
 *
 * @param topics        the topic names
 * @param scrubbers     one scrubber per tier, each with its own key
 * @param decoder       the decoder of raw keys, and of raw values of kinds without their own decoder
 * @param policyVersion the data policy's version, written into the provenance of every output record
 * @param valueDecoders the decoder of each kind's raw values, for example Vector's envelopes on
 *                      {@code raw.logs} ({@code anonymizer.decoders.<kind>}); kinds not in the map use
 *                      {@code decoder}
 */
public record TopologySettings(TopicNames topics, Map<Tier, Scrubber> scrubbers, TextDecoder decoder,
        String policyVersion, Map<RecordKind, RecordDecoder> valueDecoders) {

    /**
     * Settings whose values are all decoded as text.
     *
     * @param topics        the topic names
     * @param scrubbers     one scrubber per tier
     * @param decoder       the decoder of raw keys and values
     * @param policyVersion the data policy's version
     */
    public TopologySettings(final TopicNames topics, final Map<Tier, Scrubber> scrubbers, final TextDecoder decoder,
            final String policyVersion) {
        this(topics, scrubbers, decoder, policyVersion, Map.of());
    }

    /**
     * The decoder of a kind's raw values.
     *
     * @param kind the record kind
     * @return its decoder
     */
    public RecordDecoder valueDecoder(final RecordKind kind) {
        return valueDecoders.getOrDefault(kind, decoder);
    }

    /** Validates that every tier has a scrubber. */
    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(policyVersion, "policyVersion");
        final EnumMap<Tier, Scrubber> copy = new EnumMap<>(Tier.class);
        copy.putAll(Objects.requireNonNull(scrubbers, "scrubbers"));
        for (final Tier tier : Tier.values()) {
            if (copy.get(tier) == null) {
                throw new IllegalArgumentException("no scrubber for tier " + tier.label());
            }
        }
        scrubbers = java.util.Collections.unmodifiableMap(copy);
        valueDecoders = Map.copyOf(Objects.requireNonNull(valueDecoders, "valueDecoders"));
    }
}
