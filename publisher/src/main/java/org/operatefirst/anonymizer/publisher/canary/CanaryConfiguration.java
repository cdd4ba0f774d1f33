package org.operatefirst.anonymizer.publisher.canary;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Canary settings.
 *
 * @param enabled  {@code anonymizer.canary.enabled}: inject canaries and watch for them; default true
 * @param interval {@code anonymizer.canary.interval}: how often a canary is injected; default 1 minute
 * @param overdue  {@code anonymizer.canary.overdue}: how long a tier may go without a canary arriving before the
 *                 health check reports it; default 5 minutes
 * @param namespace {@code anonymizer.canary.namespace}: the namespace the canary's envelope names, for logs
 *                 decoders whose records carry Kubernetes metadata; default {@code default}, a platform namespace,
 *                 so that with {@code publish.canaries: publish} the public tier publishes canaries too
 */
@ConfigurationProperties("anonymizer.canary")
public record CanaryConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m") Duration interval,
        @Bindable(defaultValue = "5m") Duration overdue,
        @Bindable(defaultValue = "default") String namespace) {

    /** Validates the durations. */
    public CanaryConfiguration {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("anonymizer.canary.interval must be positive, got " + interval);
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("anonymizer.canary.namespace must not be empty");
        }
        if (overdue.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("anonymizer.canary.overdue must be longer than the interval, got "
                    + overdue);
        }
    }
}
