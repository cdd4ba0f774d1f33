package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and scrubs one raw record for every tier. Fails closed: any record that cannot be decoded or scrubbed,
 * for any tier, key or value, becomes {@link Outcome.Quarantined}, and so does any unexpected exception, so no
 * error path forwards raw data downstream. Logs carry record coordinates, never payloads.
 */
final class ScrubProcessor implements FixedKeyProcessor<byte[], byte[], Outcome> {

    /** Reason for a record whose processing threw: a bug, but the record is kept in quarantine. */
    static final String REASON_INTERNAL_ERROR = "internal-error";
    /** Prefix of the reason for a record whose key could not be processed. */
    static final String KEY_REASON_PREFIX = "key-";

    private static final Logger LOG = LoggerFactory.getLogger(ScrubProcessor.class);

    private final RecordKind kind;
    private final Map<Tier, Scrubber> scrubbers;
    private final RecordDecoder decoder;
    private final TextDecoder keyDecoder;
    private final PublicationFilter publication;
    private final boolean consentByDefault;
    private FixedKeyProcessorContext<byte[], Outcome> context;
    private KeyValueStore<String, Boolean> consent;

    ScrubProcessor(final RecordKind kind, final TopologySettings settings) {
        this.kind = kind;
        this.scrubbers = settings.scrubbers();
        this.decoder = settings.valueDecoder(kind);
        this.keyDecoder = settings.decoder();
        this.publication = new PublicationFilter(settings.publication());
        this.consentByDefault = settings.publication().consentByDefault();
    }

    @Override
    public void init(final FixedKeyProcessorContext<byte[], Outcome> context) {
        this.context = context;
        this.consent = context.getStateStore(ConsentTable.STORE);
    }

    private boolean optedIn(final String namespace) {
        final Boolean optedIn = consent.get(namespace);
        return optedIn == null ? consentByDefault : optedIn;
    }

    @Override
    public void process(final FixedKeyRecord<byte[], byte[]> record) {
        Outcome outcome;
        try {
            outcome = scrub(record.key(), record.value());
        } catch (final RuntimeException e) {
            LOG.error("Scrubbing failed on {}; the record goes to quarantine", coordinates(), e);
            outcome = new Outcome.Quarantined(REASON_INTERNAL_ERROR, e.getClass().getName(), record.value());
        }
        if (outcome instanceof Outcome.Quarantined quarantined) {
            LOG.warn("Quarantined {}: {}", coordinates(), quarantined.reason());
        }
        context.forward(record.withValue(outcome));
    }

    private Outcome scrub(final byte[] key, final byte[] value) {
        final String text;
        switch (decoder.decode(value)) {
            case DecodeResult.Decoded decoded -> text = decoded.text();
            case DecodeResult.Rejected rejected -> {
                return new Outcome.Quarantined(rejected.reason(), rejected.detail(), value);
            }
        }
        final String keyText;
        if (key == null) {
            keyText = null;
        } else {
            switch (keyDecoder.decode(key)) {
                case DecodeResult.Decoded decoded -> keyText = decoded.text();
                case DecodeResult.Rejected rejected -> {
                    return new Outcome.Quarantined(KEY_REASON_PREFIX + rejected.reason(), rejected.detail(), value);
                }
            }
        }
        final Map<Tier, Outcome.Rewritten> tiers = new EnumMap<>(Tier.class);
        String publicWithheld = null;
        for (final Map.Entry<Tier, Scrubber> entry : scrubbers.entrySet()) {
            final Tier tier = entry.getKey();
            String input = text;
            if (tier == Tier.PUBLIC) {
                switch (publication.decide(kind, text, this::optedIn)) {
                    case PublicationFilter.Decision.Publish publish -> {
                        // The whole record.
                    }
                    case PublicationFilter.Decision.Part part -> input = part.text();
                    case PublicationFilter.Decision.Withhold withhold -> {
                        publicWithheld = withhold.reason();
                        continue;
                    }
                }
            }
            final Scrubber scrubber = entry.getValue();
            byte[] scrubbedKey = null;
            FindingCounts findings = FindingCounts.none();
            if (keyText != null) {
                switch (scrubber.scrubText(keyText)) {
                    case ScrubResult.Scrubbed scrubbed -> {
                        scrubbedKey = scrubbed.output().getBytes(StandardCharsets.UTF_8);
                        findings = scrubbed.findings();
                    }
                    case ScrubResult.Failed failed -> {
                        return new Outcome.Quarantined(KEY_REASON_PREFIX + failed.reason(), failed.detail(), value);
                    }
                }
            }
            switch (scrubber.scrub(kind, input)) {
                case ScrubResult.Scrubbed scrubbed -> tiers.put(tier, new Outcome.Rewritten(scrubbedKey,
                        scrubbed.output().getBytes(StandardCharsets.UTF_8), findings.plus(scrubbed.findings())));
                case ScrubResult.Failed failed -> {
                    return new Outcome.Quarantined(failed.reason(), failed.detail(), value);
                }
            }
        }
        return new Outcome.Published(tiers, publicWithheld);
    }

    private String coordinates() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("a record without metadata");
    }
}
