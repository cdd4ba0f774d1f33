package org.operatefirst.anonymizer.publisher.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The baseline of {@code anonymizer bench}: the publisher's topics layout with nothing in between. Every record
 * of {@code raw.<kind>} is copied unchanged, key, value and headers, to {@code sanitized.<kind>} and
 * {@code public.<kind>}. Never run against real data: it publishes raw records.
 */
public final class CopyTopology {

    private CopyTopology() {
    }

    /**
     * Builds the copy topology.
     *
     * @param topics the topics to read and write; must not be the service's own
     * @return the topology
     */
    public static Topology build(final TopicNames topics) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Produced<byte[], byte[]> bytes = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        for (final RecordKind kind : RecordKind.values()) {
            final KStream<byte[], byte[]> raw = builder.stream(topics.raw(kind),
                    Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
            for (final Tier tier : Tier.values()) {
                raw.to(topics.output(tier, kind), bytes);
            }
        }
        return builder.build();
    }
}
