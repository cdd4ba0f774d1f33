package org.operatefirst.anonymizer.publisher.canary;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code canary} health check: DOWN once a canary leaked, or while a tier has shown no canary for too long. */
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
        healthStatus = status.leaks().isEmpty() && status.overdue().isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        final Map<String, Object> details = new LinkedHashMap<>();
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
