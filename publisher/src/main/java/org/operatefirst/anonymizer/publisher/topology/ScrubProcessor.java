package org.operatefirst.anonymizer.publisher.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.RecordDecoder;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.publisher.policy.PublicationPolicy;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.LeakGuard;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Scrubber;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.rewrite.Detections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and scrubs one raw record of a kind for every tier and writes each tier's version, with its provenance,
 * straight to that tier's sink: one processor per kind, no routing nodes in between. Fails closed: any record that
 * cannot be decoded or scrubbed, for any tier, key, passed header or value, goes to the quarantine sink and to no
 * other, and so does any unexpected exception, so no error path forwards raw data to a tier. Logs carry record
 * coordinates, never payloads.
 */
final class ScrubProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    /** Reason for a record whose processing threw: a bug, but the record is kept in quarantine. */
    static final String REASON_INTERNAL_ERROR = "internal-error";
    /** Prefix of the reason for a record whose key could not be processed. */
    static final String KEY_REASON_PREFIX = "key-";
    /** Prefix of the reason for a record whose passed header could not be processed. */
    static final String HEADER_REASON_PREFIX = "header-";

    /** The most user names the leak guard's findings add to one text before it is quarantined. */
    static final int MAX_CORRECTIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ScrubProcessor.class);
    /** The mark of a canary's outputs: the raw mark's value is not passed on, since nothing but a mark is needed. */
    private static final byte[] CANARY_MARK = {'1'};

    private final RecordKind kind;
    private final RecordDecoder decoder;
    private final TextDecoder keyDecoder;
    private final PublicationPolicy policy;
    private final PublicationFilter publication;
    private final Set<String> passedHeaders;
    private final TopologyMetrics metrics;
    private final LiveScrubbers live;
    private final Provenance provenance;
    private final Map<Tier, String> sinks = new EnumMap<>(Tier.class);
    private final String quarantineSink;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, Boolean> consent;
    private ReadOnlyKeyValueStore<String, String> identities;

    /**
     * Creates the processor of one kind.
     *
     * @param kind           the record kind
     * @param settings       decoders, policies, passed headers and the scrubbers' key epochs
     * @param metrics        where records in, out, withheld, quarantined and stopped are counted
     * @param live           the scrubbers and guard of the current identity directory
     * @param sinks          the child node of each tier
     * @param quarantineSink the child node of the quarantine
     */
    ScrubProcessor(final RecordKind kind, final TopologySettings settings, final TopologyMetrics metrics,
            final LiveScrubbers live, final Map<Tier, String> sinks, final String quarantineSink) {
        this.kind = kind;
        this.decoder = settings.valueDecoder(kind);
        this.keyDecoder = settings.decoder();
        this.policy = settings.publication();
        this.publication = new PublicationFilter(policy);
        this.passedHeaders = settings.passedHeaders();
        this.metrics = metrics;
        this.live = live;
        this.provenance = new Provenance(settings);
        this.sinks.putAll(sinks);
        this.quarantineSink = quarantineSink;
    }

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.consent = context.getStateStore(ConsentTable.STORE);
        this.identities = context.getStateStore(IdentitiesTable.STORE);
    }

    private boolean optedIn(final String namespace) {
        final Boolean optedIn = consent.get(namespace);
        return optedIn == null ? policy.consentByDefault() : optedIn;
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
        context.recordMetadata().ifPresent(metadata -> metrics.recordIn(metadata.topic()));
        Outcome outcome;
        try {
            outcome = scrub(record.key(), record.value(), record.headers());
        } catch (final RuntimeException e) {
            LOG.error("Scrubbing failed on {}; the record goes to quarantine", coordinates(), e);
            outcome = new Outcome.Quarantined(REASON_INTERNAL_ERROR, e.getClass().getName(), record.value());
        }
        switch (outcome) {
            case Outcome.Quarantined quarantined -> {
                LOG.warn("Quarantined {}: {}", coordinates(), quarantined.reason());
                metrics.quarantined(quarantined.reason());
                context.forward(new Record<>(record.key(), quarantined.original(), record.timestamp(),
                        Provenance.quarantined(record.headers(), quarantined, context.recordMetadata())),
                        quarantineSink);
            }
            case Outcome.Published published -> {
                if (published.publicWithheld() != null) {
                    metrics.withheld(kind, published.publicWithheld());
                }
                final boolean canary = isCanary(record.headers());
                for (final Tier tier : Tier.values()) {
                    final Outcome.Rewritten rewritten = published.forTier(tier);
                    if (rewritten != null) {
                        final Headers headers = provenance.published(tier, rewritten);
                        if (canary) {
                            headers.add(RecordHeaderNames.CANARY, CANARY_MARK);
                        }
                        context.forward(new Record<>(rewritten.key(), rewritten.value(), record.timestamp(),
                                headers), sinks.get(tier));
                        metrics.published(tier, kind, rewritten.findings(), record.timestamp() > 0
                                ? Math.max(0, System.currentTimeMillis() - record.timestamp()) : -1);
                    }
                }
            }
        }
    }

    private Outcome scrub(final byte[] key, final byte[] value, final Headers headers) {
        final String text;
        switch (decoder.decode(value)) {
            case DecodeResult.Decoded decoded -> text = decoded.text();
            case DecodeResult.Rejected rejected -> {
                return new Outcome.Quarantined(rejected.reason(), rejected.detail(), value);
            }
        }
        String keyText = null;
        // A key that no tier writes is not read at all.
        if (key != null && !(policy.dropsKeys(Tier.SANITIZED) && policy.dropsKeys(Tier.PUBLIC))) {
            switch (keyDecoder.decode(key)) {
                case DecodeResult.Decoded decoded -> keyText = decoded.text();
                case DecodeResult.Rejected rejected -> {
                    return new Outcome.Quarantined(KEY_REASON_PREFIX + rejected.reason(), rejected.detail(), value);
                }
            }
        }
        final List<Map.Entry<String, String>> passed = new ArrayList<>();
        for (final Header header : headers) {
            if (header.value() != null && passedHeaders.contains(header.key().toLowerCase(Locale.ROOT))) {
                switch (keyDecoder.decode(header.value())) {
                    case DecodeResult.Decoded decoded -> passed.add(Map.entry(header.key(), decoded.text()));
                    case DecodeResult.Rejected rejected -> {
                        return new Outcome.Quarantined(HEADER_REASON_PREFIX + rejected.reason(), rejected.detail(),
                                value);
                    }
                }
            }
        }
        final LiveScrubbers.ScrubberSet set = live.current(identities);
        final LeakGuard leakGuard = set.guard();
        final Map<Tier, Outcome.Rewritten> tiers = new EnumMap<>(Tier.class);
        // What the value's strings hold is found once, by the first tier's scrubbing, and only re-rendered with
        // the second tier's keys.
        final Detections detections = new Detections();
        // Each raw text is inspected by the guard once, whichever tiers' outputs are made from it (by identity:
        // the same strings are scrubbed for every tier).
        final Map<String, LeakGuard.RawText> inspected = new IdentityHashMap<>();
        String publicWithheld = null;
        for (final Tier tier : Tier.values()) {
            final Scrubber scrubber = set.scrubbers().get(tier);
            String input = text;
            if (tier == Tier.PUBLIC) {
                if (!policy.publishCanaries() && isCanary(headers)) {
                    publicWithheld = PublicationFilter.REASON_CANARY;
                    continue;
                }
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
            FindingCounts findings = FindingCounts.none();
            // The key, each passed header and the value: scrubbed, then checked by the leak guard.
            final List<String> outputs = new ArrayList<>(passed.size() + 2);
            final List<String> inputs = new ArrayList<>(passed.size() + 2);
            final boolean keyed = keyText != null && !policy.dropsKeys(tier);
            if (keyed) {
                inputs.add(keyText);
            }
            for (final Map.Entry<String, String> header : passed) {
                inputs.add(header.getValue());
            }
            inputs.add(input);
            for (int i = 0; i < inputs.size(); i++) {
                final boolean isValue = i == inputs.size() - 1;
                final String each = inputs.get(i);
                final ScrubResult result = isValue ? scrubber.scrub(kind, each, detections)
                        : scrubber.scrubText(each);
                final Guarded guarded = guarded(result, scrubber, isValue ? kind : null, each,
                        inspected.computeIfAbsent(each, leakGuard::inspect), leakGuard, tier);
                switch (guarded.result()) {
                    case ScrubResult.Scrubbed scrubbed -> {
                        outputs.add(scrubbed.output());
                        findings = findings.plus(scrubbed.findings());
                    }
                    case ScrubResult.Failed failed -> {
                        final String prefix = isValue ? "" : i == 0 && keyed ? KEY_REASON_PREFIX
                                : HEADER_REASON_PREFIX;
                        return new Outcome.Quarantined(prefix + failed.reason(), failed.detail(), value);
                    }
                }
                if (guarded.leak() != null) {
                    final String type = guarded.leak().type().name().toLowerCase(Locale.ROOT);
                    metrics.leakBlocked(tier, type);
                    return new Outcome.Quarantined(guarded.leak().reason(), "the leak guard found " + type
                            + " in the " + tier.label() + " output: " + guarded.leak().check(), value);
                }
            }
            int next = 0;
            final byte[] scrubbedKey = keyed ? utf8(outputs.get(next++)) : null;
            final List<Map.Entry<String, byte[]>> scrubbedHeaders = new ArrayList<>(passed.size());
            for (final Map.Entry<String, String> header : passed) {
                scrubbedHeaders.add(Map.entry(header.getKey(), utf8(outputs.get(next++))));
            }
            tiers.put(tier, new Outcome.Rewritten(scrubbedKey, utf8(outputs.get(next)), findings, scrubbedHeaders));
        }
        return new Outcome.Published(tiers.get(Tier.SANITIZED), tiers.get(Tier.PUBLIC), publicWithheld);
    }

    /** A scrubbed text and what the leak guard found in it, or a failure, for one text of one tier. */
    private record Guarded(ScrubResult result, LeakGuard.Leak leak) {
    }

    /**
     * The leak guard's check of one scrubbed text. On a hit that names a user, the text is scrubbed once more
     * knowing the names found so far, up to {@value #MAX_CORRECTIONS} times: a record is quarantined only if that
     * still fails, and a correction is counted.
     */
    private Guarded guarded(final ScrubResult first, final Scrubber scrubber, final RecordKind recordKind,
            final String input, final LeakGuard.RawText raw, final LeakGuard guard, final Tier tier) {
        if (!(first instanceof ScrubResult.Scrubbed scrubbed)) {
            return new Guarded(first, null);
        }
        Optional<LeakGuard.Leak> leak = guard.check(raw, scrubbed.output());
        if (leak.isEmpty()) {
            return new Guarded(first, null);
        }
        final LeakGuard.Leak found = leak.get();
        final Set<String> known = new LinkedHashSet<>();
        ScrubResult result = first;
        while (leak.isPresent() && known.size() < MAX_CORRECTIONS) {
            final Optional<String> name = leak.get().correctable();
            if (name.isEmpty() || !known.add(name.get())) {
                return new Guarded(result, leak.get());
            }
            result = scrubber.scrubKnowing(recordKind, input, known);
            if (!(result instanceof ScrubResult.Scrubbed again)) {
                return new Guarded(result, null);
            }
            leak = guard.check(raw, again.output());
        }
        if (leak.isPresent()) {
            return new Guarded(result, leak.get());
        }
        metrics.leakCorrected(tier, found.type().name().toLowerCase(Locale.ROOT));
        return new Guarded(result, null);
    }

    /** Whether a raw record is one of the service's canaries, which carry the canary header. */
    private static boolean isCanary(final Headers headers) {
        return headers.lastHeader(RecordHeaderNames.CANARY) != null;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String coordinates() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("a record without metadata");
    }
}
