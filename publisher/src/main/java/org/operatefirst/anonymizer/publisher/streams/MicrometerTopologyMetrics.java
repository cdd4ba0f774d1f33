package org.operatefirst.anonymizer.publisher.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.operatefirst.anonymizer.publisher.topology.TopologyMetrics;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * The topology's counts in Micrometer, exported on {@code /prometheus}: {@code anonymizer_records_in_total},
 * {@code anonymizer_records_out_total}, {@code anonymizer_rewrites_total}, {@code anonymizer_records_withheld_total},
 * {@code anonymizer_records_quarantined_total}, {@code anonymizer_leaks_blocked_total} and the end-to-end latency
 * {@code anonymizer_publish_latency_seconds}. Tags hold topic, tier, kind, type and reason names, never record data.
 */
@Singleton
final class MicrometerTopologyMetrics implements TopologyMetrics {

    private final MeterRegistry registry;

    MicrometerTopologyMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recordIn(final String topic) {
        registry.counter("anonymizer.records.in", "topic", topic).increment();
    }

    @Override
    public void published(final Tier tier, final RecordKind kind, final FindingCounts findings,
            final long latencyMs) {
        registry.counter("anonymizer.records.out", "tier", tier.label(), "kind", kind.topicSuffix()).increment();
        for (final Map.Entry<FindingType, Integer> entry : findings.asMap().entrySet()) {
            registry.counter("anonymizer.rewrites", "tier", tier.label(),
                    "type", entry.getKey().name().toLowerCase(Locale.ROOT)).increment(entry.getValue());
        }
        if (latencyMs >= 0) {
            Timer.builder("anonymizer.publish.latency")
                    .description("From a raw record's timestamp to its publication")
                    .tag("tier", tier.label())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.ofMillis(latencyMs));
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
}
