package org.operatefirst.anonymizer.publisher.topology;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Everything the topology is built from: validated once, immutable. The service builds it from configuration;
 * tests build the same record directly.
 *
 * @param topics        the topic names
 * @param scrubbers     one scrubber per tier, each with its own key
 * @param decoder       the decoder of raw keys, and of the values of kinds without their own decoder
 * @param policyVersion the data policy's version, written into the provenance of every output record
 * @param publication   what the public tier publishes
 * @param valueDecoders the decoder of each kind's raw values, for example Vector's envelopes on
 *                      {@code raw.logs} ({@code anonymizer.decoders.<kind>}); kinds not in the map use
 *                      {@code decoder}
 */
public record TopologySettings(TopicNames topics, Map<Tier, Scrubber> scrubbers, TextDecoder decoder,
        String policyVersion, PublicationPolicy publication, Map<RecordKind, RecordDecoder> valueDecoders) {

    /** Validates and copies the components. */
    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(publication, "publication");
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

    /**
     * Settings under the default publication policy whose values are all decoded as text.
     *
     * @param topics        the topic names
     * @param scrubbers     one scrubber per tier
     * @param decoder       the decoder of raw keys and values
     * @param policyVersion the data policy's version
     */
    public TopologySettings(final TopicNames topics, final Map<Tier, Scrubber> scrubbers, final TextDecoder decoder,
            final String policyVersion) {
        this(topics, scrubbers, decoder, policyVersion, PublicationPolicy.defaults(), Map.of());
    }

    /**
     * Settings under the default publication policy with a decoder per kind.
     *
     * @param topics        the topic names
     * @param scrubbers     one scrubber per tier
     * @param decoder       the decoder of raw keys, and of values of kinds not in {@code valueDecoders}
     * @param policyVersion the data policy's version
     * @param valueDecoders the decoder of each kind's raw values
     */
    public TopologySettings(final TopicNames topics, final Map<Tier, Scrubber> scrubbers, final TextDecoder decoder,
            final String policyVersion, final Map<RecordKind, RecordDecoder> valueDecoders) {
        this(topics, scrubbers, decoder, policyVersion, PublicationPolicy.defaults(), valueDecoders);
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
}
