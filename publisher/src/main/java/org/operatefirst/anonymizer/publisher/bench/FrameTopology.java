package org.operatefirst.anonymizer.publisher.bench;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.topology.Provenance;
import org.operatefirst.anonymizer.publisher.topology.RecordHeaderNames;
import org.operatefirst.anonymizer.publisher.topology.TopicNames;
import org.operatefirst.anonymizer.publisher.topology.TopologySettings;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * A second baseline of {@code anonymizer bench}: what any publisher topology must do to a record besides scrubbing
 * it, and nothing more. Every record of {@code raw.<kind>} is decoded as UTF-8 text (records that are not go to
 * the quarantine), encoded again, and written to {@code sanitized.<kind>} and {@code public.<kind>} with the
 * provenance headers of the publisher's records: tier, scrubber version, policy version, key epoch, counts of
 * rewrites and, on the public tier, the dataset license. It scrubs nothing, checks nothing and applies no
 * publication policy, so its throughput bounds from above that of any topology which does. Never run against real
 * data: it publishes raw records.
 */
public final class FrameTopology {

    /** The counts of rewrites every framed record claims: a typical log line's. */
    static final String FINDINGS = "email=1,ipv4=1";

    private FrameTopology() {
    }

    /**
     * Builds the frame topology.
     *
     * @param topics   the topics to read and write; must not be the service's own
     * @param settings the service's topology settings: the policy version, each tier's key epoch and the largest
     *                 record
     * @return the topology
     */
    public static Topology build(final TopicNames topics, final TopologySettings settings) {
        final Deserializer<byte[]> bytesIn = Serdes.ByteArray().deserializer();
        final Serializer<byte[]> bytesOut = Serdes.ByteArray().serializer();
        final Map<Tier, Header[]> constants = constantHeaders(settings);
        final Topology topology = new Topology();
        for (final RecordKind kind : RecordKind.values()) {
            final String name = kind.topicSuffix();
            final Map<Tier, String> sinks = new EnumMap<>(Tier.class);
            for (final Tier tier : Tier.values()) {
                sinks.put(tier, "write-" + tier.label() + "-" + name);
            }
            final String quarantine = "write-quarantine-" + name;
            topology.addSource("read-" + name, bytesIn, bytesIn, topics.raw(kind));
            topology.addProcessor("frame-" + name,
                    () -> new FrameProcessor(settings.decoder(), constants, sinks, quarantine), "read-" + name);
            for (final Tier tier : Tier.values()) {
                topology.addSink(sinks.get(tier), topics.output(tier, kind), bytesOut, bytesOut, "frame-" + name);
            }
            topology.addSink(quarantine, topics.quarantine(), bytesOut, bytesOut, "frame-" + name);
        }
        return topology;
    }

    /** The headers that are the same on every record of a tier, encoded once: the publisher's own. */
    private static Map<Tier, Header[]> constantHeaders(final TopologySettings settings) {
        final Provenance provenance = new Provenance(settings);
        final Map<Tier, Header[]> constants = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            constants.put(tier, provenance.constantHeaders(tier).toArray(Header[]::new));
        }
        return constants;
    }

    private static Header header(final String key, final String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes, encodes again and writes each tier's record with its provenance headers. */
    private static final class FrameProcessor implements Processor<byte[], byte[], byte[], byte[]> {

        private final TextDecoder decoder;
        private final Map<Tier, Header[]> constants;
        private final Map<Tier, String> sinks;
        private final String quarantine;
        private ProcessorContext<byte[], byte[]> context;

        FrameProcessor(final TextDecoder decoder, final Map<Tier, Header[]> constants, final Map<Tier, String> sinks,
                final String quarantine) {
            this.decoder = decoder;
            this.constants = constants;
            this.sinks = sinks;
            this.quarantine = quarantine;
        }

        @Override
        public void init(final ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            switch (decoder.decode(record.value())) {
                case DecodeResult.Rejected rejected -> context.forward(record, quarantine);
                case DecodeResult.Decoded decoded -> {
                    for (final Tier tier : Tier.values()) {
                        final Header[] constant = constants.get(tier);
                        final Header[] headers = new Header[constant.length + 1];
                        System.arraycopy(constant, 0, headers, 0, constant.length);
                        headers[constant.length] = header(RecordHeaderNames.FINDINGS, FINDINGS);
                        context.forward(new Record<>(record.key(),
                                decoded.text().getBytes(StandardCharsets.UTF_8), record.timestamp(),
                                new RecordHeaders(headers)), sinks.get(tier));
                    }
                }
            }
        }
    }
}
