package org.operatefirst.anonymizer.publisher.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.scrubbers.Tier;

/**
 * Canaries on the embedded broker: they arrive pseudonymized on the sanitized tier, and a leaked one is reported
 * for good.
 */
class CanariesTest {

    @TempDir
    Path dir;

    @Test
    void canariesArrivePseudonymizedAndALeakIsReportedForGood() {
        try (Service service = Service.start(Map.of(
                "anonymizer.embedded-broker.mode", "always",
                "anonymizer.embedded-broker.port", 0,
                "anonymizer.data-dir", dir.toString(),
                "anonymizer.topics.partitions", 1,
                "anonymizer.ingest.enabled", false,
                "micronaut.server.port", -1,
                "anonymizer.canary.interval", "300ms",
                "anonymizer.canary.overdue", "60s"))) {
            final Canaries canaries = service.context().getBean(Canaries.class);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    canaries.status().lastArrival().containsKey(Tier.SANITIZED));
            assertThat(canaries.status().leaks()).isEmpty();
            assertThat(canaries.status().overdue()).isEmpty();

            // What a broken scrubber would publish: the canary's record as it was injected.
            final Canary first = canaries.sentForTest().get(0);
            canaries.check("sanitized.logs", first.record());

            assertThat(canaries.status().leaks()).singleElement().asString().contains(first.id());
            assertThat(service.context().getBean(MeterRegistry.class).counter("anonymizer.canary.failures").count())
                    .isEqualTo(1.0);
            final CanaryHealthIndicator health = service.context().getBean(CanaryHealthIndicator.class);
            assertThat(health.getHealthInformation()).containsKey("leaks");
        }
    }

    @Test
    void aCanaryHasNoRealIdentity() {
        final Canary canary = Canary.of("0a1b2c3d", 7);
        assertThat(canary.email()).isEqualTo("canary.0a1b2c3d-7@example.org");
        assertThat(canary.address()).isEqualTo("192.0.2.8");
        assertThat(canary.pod()).isEqualTo("jupyterhub-nb-canary-2e0a1b2c3d-2d7-40example-2eorg");
        assertThat(canary.record()).startsWith("anonymizer-canary anonymizer-canary-0a1b2c3d-7: ")
                .contains(canary.email(), canary.address(), canary.pod());
    }
}
