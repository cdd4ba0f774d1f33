package org.operatefirst.anonymizer.publisher.topology;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The publisher topology: for every {@link RecordKind}, {@code raw.<kind>} is decoded and scrubbed once per tier
 * and written to {@code sanitized.<kind>} and {@code public.<kind>}; records that cannot be decoded or scrubbed
 * go, unchanged, to {@code quarantine} and nowhere else. Built with the Processor API: per kind, a source, one
 * {@link ScrubProcessor} and a sink per output topic. Nothing is repartitioned: a key is pseudonymized
 * consistently, so the records of one raw key still share a partition of each output topic (unless the policy's
 * {@code record-keys} drops that tier's keys). The public tier publishes what the publication policy
 * allows, given the namespaces' consent, which every instance reads whole from the compacted {@code consent} topic.
 *
 * <p>Built in a plain static method so that the service and the tests build the same topology.
 */
public final class PublisherTopology {

    /** The SPDX identifier of the published dataset's license (ADR-0002), carried by every public record. */
    public static final String DATASET_LICENSE = "CDLA-Permissive-2.0";

    private PublisherTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param settings topic names, scrubbers and decoder
     * @return the topology, ready to run
     */
    public static Topology build(final TopologySettings settings) {
        return build(settings, TopologyMetrics.NONE);
    }

    /**
     * Builds the topology, counting what it does.
     *
     * @param settings topic names, scrubbers, decoders, policies and the leak guard
     * @param metrics  where records in, out, withheld, quarantined and stopped by the leak guard are counted
     * @return the topology, ready to run
     */
    public static Topology build(final TopologySettings settings, final TopologyMetrics metrics) {
        return build(settings, metrics, LiveScrubbers.fixed(
                new LiveScrubbers.ScrubberSet(settings.scrubbers(), settings.leakGuard())));
    }

    /**
     * Builds the topology, counting what it does, with scrubbers that follow the {@code identities} topic.
     *
     * @param settings topic names, scrubbers, decoders, policies and the leak guard
     * @param metrics  where records in, out, withheld, quarantined and stopped by the leak guard are counted
     * @param live     the scrubbers and guard of the current identity directory
     * @return the topology, ready to run
     */
    public static Topology build(final TopologySettings settings, final TopologyMetrics metrics,
            final LiveScrubbers live) {
        final TopicNames topics = settings.topics();
        final Deserializer<byte[]> bytesIn = Serdes.ByteArray().deserializer();
        final Serializer<byte[]> bytesOut = Serdes.ByteArray().serializer();
        final Topology topology = new Topology();
        topology.addGlobalStore(ConsentTable.store(), "read-consent", bytesIn, bytesIn, topics.consent(),
                "update-consent", ConsentTable.Updater::new);
        topology.addGlobalStore(IdentitiesTable.store(), "read-identities", bytesIn, bytesIn, topics.identities(),
                "update-identities", () -> new IdentitiesTable.Updater(live));
        for (final RecordKind kind : RecordKind.values()) {
            final String name = kind.topicSuffix();
            final String source = "read-" + name;
            final String processor = "scrub-" + name;
            final String quarantine = "write-quarantine-" + name;
            final Map<Tier, String> sinks = new EnumMap<>(Tier.class);
            for (final Tier tier : Tier.values()) {
                sinks.put(tier, "write-" + tier.label() + "-" + name);
            }
            topology.addSource(source, bytesIn, bytesIn, topics.raw(kind));
            // One processor per kind writes each tier's record straight to that tier's sink, and a record it
            // cannot publish to the quarantine's: no branching, casting or re-keying nodes per record.
            topology.addProcessor(processor,
                    () -> new ScrubProcessor(kind, settings, metrics, live, sinks, quarantine), source);
            for (final Tier tier : Tier.values()) {
                topology.addSink(sinks.get(tier), topics.output(tier, kind), bytesOut, bytesOut, processor);
            }
            topology.addSink(quarantine, topics.quarantine(), bytesOut, bytesOut, processor);
        }
        return topology;
    }
}
