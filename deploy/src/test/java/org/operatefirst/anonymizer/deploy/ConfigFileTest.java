package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.micronaut.context.env.DefaultEnvironment;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The service, given the overlay's configuration file the way the Deployment gives it
 * ({@code micronaut.config.files}), sees the Kafka client settings where it reads them: under {@code kafka.*}
 * as raw keys, which is what it passes to every Kafka client.
 */
class ConfigFileTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theServiceReadsTheKafkaSettingsOfTheConfigFile(final String overlay, @TempDir final Path dir)
            throws IOException {
        final ConfigMap config = Manifests.render(overlay).all(ConfigMap.class).stream()
                .filter(map -> map.getData().containsKey("anonymizer.yml")).findFirst().orElseThrow();
        final Path file = Files.writeString(dir.resolve("anonymizer.yml"), config.getData().get("anonymizer.yml"),
                StandardCharsets.UTF_8);
        // The passwords come from TLS_KEYSTORE_PASSWORD and TLS_TRUSTSTORE_PASSWORD, set by surefire (pom.xml).
        System.setProperty("micronaut.config.files", file.toString());
        try (Environment environment = new DefaultEnvironment(List::of).start()) {
            final Map<String, Object> kafka = environment.getProperties("kafka", StringConvention.RAW);

            assertThat(kafka).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.keystore.location", "/etc/kafka/user/user.p12")
                    .containsEntry("ssl.keystore.password", "keystore-test-password")
                    .containsEntry("ssl.truststore.password", "truststore-test-password")
                    .containsEntry("streams.publisher.state.dir", "/var/lib/anonymizer/streams")
                    .containsEntry("streams.publisher.application.id", "anonymizer-publisher")
                    .containsEntry("streams.publisher.processing.guarantee", "exactly_once_v2");
            assertThat(environment.getProperty("kafka.bootstrap.servers", String.class))
                    .hasValueSatisfying(servers -> assertThat(servers).endsWith("-kafka-bootstrap:9093"));
            assertThat(environment.getProperty("anonymizer.embedded-broker.mode", String.class)).contains("never");
            assertThat(environment.getProperty("anonymizer.dry-run.enabled", Boolean.class))
                    .as("the unauthenticated dry run behind the Route").contains(false);
        } finally {
            System.clearProperty("micronaut.config.files");
        }
    }
}
