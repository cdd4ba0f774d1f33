package org.operatefirst.anonymizer.publisher.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operatefirst.anonymizer.publisher.topology.TopologyMetrics;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * The topology's counts in Micrometer, exported on {@code /prometheus}: {@code anonymizer_records_in_total},
 * {@code anonymizer_records_out_total}, {@code anonymizer_rewrites_total}, {@code anonymizer_records_withheld_total},
 * {@code anonymizer_records_quarantined_total}, {@code anonymizer_leaks_blocked_total},
 * {@code anonymizer_leaks_corrected_total} and the end-to-end latency
 * {@code anonymizer_publish_latency_seconds}. Tags hold topic, tier, kind, type and reason names, never record data.
 */
@Singleton
final class MicrometerTopologyMetrics implements TopologyMetrics {

    private final MeterRegistry registry;
    // The per-record meters, looked up once: a registry lookup per record would cost more than the count.
    private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
    private final Map<Tier, Map<RecordKind, Counter>> recordsOut = new EnumMap<>(Tier.class);
    private final Map<Tier, Map<FindingType, Counter>> rewrites = new EnumMap<>(Tier.class);
    private final Map<Tier, Timer> latency = new EnumMap<>(Tier.class);

    MicrometerTopologyMetrics(final MeterRegistry registry) {
        this.registry = registry;
        for (final Tier tier : Tier.values()) {
            final Map<RecordKind, Counter> out = new EnumMap<>(RecordKind.class);
            for (final RecordKind kind : RecordKind.values()) {
                out.put(kind, registry.counter("anonymizer.records.out", "tier", tier.label(), "kind",
                        kind.topicSuffix()));
            }
            recordsOut.put(tier, out);
            final Map<FindingType, Counter> types = new EnumMap<>(FindingType.class);
            for (final FindingType type : FindingType.values()) {
                types.put(type, registry.counter("anonymizer.rewrites", "tier", tier.label(), "type",
                        type.name().toLowerCase(Locale.ROOT)));
            }
            rewrites.put(tier, types);
            latency.put(tier, Timer.builder("anonymizer.publish.latency")
                    .description("From a raw record's timestamp to its publication")
                    .tag("tier", tier.label())
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    @Override
    public void recordIn(final String topic) {
        recordsIn.computeIfAbsent(topic, name -> registry.counter("anonymizer.records.in", "topic", name))
                .increment();
    }

    @Override
    public void published(final Tier tier, final RecordKind kind, final FindingCounts findings,
            final long latencyMs) {
        recordsOut.get(tier).get(kind).increment();
        final Map<FindingType, Counter> types = rewrites.get(tier);
        for (final Map.Entry<FindingType, Integer> entry : findings.asMap().entrySet()) {
            types.get(entry.getKey()).increment(entry.getValue());
        }
        if (latencyMs >= 0) {
            latency.get(tier).record(Duration.ofMillis(latencyMs));
        }
    }

    @Override
    public void withheld(final RecordKind kind, final String reason) {
        registry.counter("anonymizer.records.withheld", "kind", kind.topicSuffix(), "reason", reason).increment();
    }

    @Override
    public void quarantined(final String reason) {
        registry.counter("anonymizer.records.quarantined", "reason", reason).increment();
    }

    @Override
    public void leakBlocked(final Tier tier, final String type) {
        Counter.builder("anonymizer.leaks.blocked").description("Records the leak guard sent to quarantine")
                .tag("tier", tier.label()).tag("type", type).register(registry).increment();
    }

    @Override
    public void leakCorrected(final Tier tier, final String type) {
        Counter.builder("anonymizer.leaks.corrected")
                .description("Records the leak guard stopped at first and passed once scrubbed knowing its finding")
                .tag("tier", tier.label()).tag("type", type).register(registry).increment();
    }
}
