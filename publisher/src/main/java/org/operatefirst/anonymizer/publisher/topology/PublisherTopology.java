package org.operatefirst.anonymizer.publisher.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * The publisher topology: for every {@link RecordKind}, {@code raw.<kind>} is decoded and scrubbed once per tier
 * and written to {@code sanitized.<kind>} and {@code public.<kind>}; records that cannot be decoded or scrubbed
 * go, unchanged, to {@code quarantine} and nowhere else. The public tier publishes what the publication policy
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
        final StreamsBuilder builder = new StreamsBuilder();
        final TopicNames topics = settings.topics();
        final Produced<byte[], byte[]> bytes = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        builder.addGlobalStore(ConsentTable.store(), topics.consent(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-consent"),
                ConsentTable.Updater::new);
        builder.addGlobalStore(IdentitiesTable.store(), topics.identities(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-identities"),
                () -> new IdentitiesTable.Updater(live));
        for (final RecordKind kind : RecordKind.values()) {
            final String name = kind.topicSuffix();
            final KStream<byte[], Outcome> outcomes = builder
                    .stream(topics.raw(kind), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                            .withName("read-" + name))
                    .processValues(() -> new ScrubProcessor(kind, settings, metrics, live),
                            Named.as("scrub-" + name));
            outcomes.split(Named.as("route-" + name + "-"))
                    .branch((key, outcome) -> outcome instanceof Outcome.Quarantined,
                            Branched.withConsumer(quarantined -> quarantined
                                    .mapValues(outcome -> (Outcome.Quarantined) outcome, Named.as("cast-q-" + name))
                                    .processValues(QuarantineProjection::new, Named.as("quarantine-" + name))
                                    .to(topics.quarantine(), bytes.withName("write-quarantine-" + name)),
                                    "quarantine"))
                    .defaultBranch(Branched.withConsumer(published -> {
                        final KStream<byte[], Outcome.Published> ok = published
                                .mapValues(outcome -> (Outcome.Published) outcome, Named.as("cast-p-" + name));
                        for (final Tier tier : Tier.values()) {
                            final String suffix = tier.label() + "-" + name;
                            ok.processValues(() -> new TierProjection(tier, kind, settings, metrics),
                                    Named.as("project-" + suffix))
                                    // A new key does not repartition here: the records go straight to a sink.
                                    .map((key, rewritten) -> KeyValue.pair(rewritten.key(), rewritten.value()),
                                            Named.as("rekey-" + suffix))
                                    .to(topics.output(tier, kind), bytes.withName("write-" + suffix));
                        }
                    }, "published"));
        }
        return builder.build();
    }
}
