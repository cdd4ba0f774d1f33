package org.operatefirst.anonymizer.publisher.canary;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code canary} entry of {@code /health} and {@code /health/readiness}: it reports injected, leaked and
 * overdue canaries in its details, and stays UP. A leak or a stalled tier is an alert
 * ({@code anonymizer_canary_failures_total}, {@code anonymizer_canary_age_seconds} and the PrometheusRule), never
 * a reason to take the pod out of service or restart it: a restart would wipe the evidence, and readiness is the
 * Kafka Streams state alone (docs/adr/0019-probes-and-canary-alerts.md).
 */
@Singleton
@Requires(beans = Canaries.class)
final class CanaryHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final Canaries canaries;

    CanaryHealthIndicator(final Canaries canaries) {
        this.canaries = canaries;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        final Canaries.CanaryStatus status = canaries.status();
        healthStatus = HealthStatus.UP;
        final Map<String, Object> details = new LinkedHashMap<>();
        details.put("alerting", !status.leaks().isEmpty() || !status.overdue().isEmpty());
        details.put("injected", status.injected());
        details.put("leaks", status.leaks());
        details.put("overdue", status.overdue());
        status.lastArrival().forEach((tier, when) -> details.put("last-" + tier.label(), when.toString()));
        return details;
    }

    @Override
    protected String getName() {
        return "canary";
    }
}
