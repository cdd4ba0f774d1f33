package org.operatefirst.anonymizer.publisher.keys;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.operatefirst.anonymizer.publisher.config.KeysConfiguration;
import org.operatefirst.anonymizer.publisher.kafka.KafkaCluster;
import org.operatefirst.anonymizer.scrubbers.pseudonym.MasterSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the pseudonymization master secret. Refuses to start without a configured secret, except on the
 * embedded broker, where it generates one once, stores it under the data directory and says so.
 */
@Factory
final class KeysFactory {

    /** The file a generated secret is stored in, under {@code anonymizer.data-dir}. */
    static final String GENERATED_SECRET_FILE = "secret.key";

    private static final Logger LOG = LoggerFactory.getLogger(KeysFactory.class);

    @Singleton
    MasterSecret masterSecret(final KeysConfiguration keys, final KafkaCluster cluster,
            @Value("${anonymizer.data-dir:./data}") final Path dataDir) {
        try {
            if (keys.secretFile() != null) {
                return MasterSecret.load(keys.secretFile());
            }
            if (keys.secret() != null && !keys.secret().isBlank()) {
                return fromBase64(keys.secret());
            }
            if (!(cluster instanceof KafkaCluster.Embedded)) {
                throw new ConfigurationException("No pseudonymization secret configured: set "
                        + "anonymizer.keys.secret-file (ANONYMIZER_KEYS_SECRET_FILE) to a file of at least "
                        + MasterSecret.MIN_LENGTH + " random bytes, or anonymizer.keys.secret "
                        + "(ANONYMIZER_KEYS_SECRET) to their base64");
            }
            final Path generated = dataDir.resolve(GENERATED_SECRET_FILE);
            if (Files.exists(generated)) {
                LOG.info("Using the generated pseudonymization secret in {}", generated);
                return MasterSecret.load(generated);
            }
            Files.createDirectories(dataDir);
            final MasterSecret secret = MasterSecret.generate(generated);
            LOG.warn("No pseudonymization secret configured: generated one in {} (embedded broker only; "
                    + "configure anonymizer.keys.secret-file for a real deployment)", generated);
            return secret;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read or write the pseudonymization secret: " + e.getMessage(), e);
        } catch (final IllegalArgumentException e) {
            throw new ConfigurationException("Invalid pseudonymization secret: " + e.getMessage(), e);
        }
    }

    private static MasterSecret fromBase64(final String text) {
        final byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("anonymizer.keys.secret is not valid base64", e);
        }
        try {
            return MasterSecret.of(secret);
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }
}
