package org.operatefirst.anonymizer.publisher.policy;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.operatefirst.anonymizer.scrubbers.directory.IdentityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the identity directory: {@code anonymizer.identities-file} if set, else the empty directory. Loaded and
 * validated once, at start-up; an invalid file stops the service with a message naming the file and the line.
 * The directory is an immutable value: reloading it (later, from a compacted topic) means building scrubbers with
 * a new one.
 */
@Factory
final class IdentitiesFactory {

    private static final Logger LOG = LoggerFactory.getLogger(IdentitiesFactory.class);

    @Singleton
    IdentityDirectory identityDirectory(@Value("${anonymizer.identities-file:}") final String configured,
            final DataPolicy policy) {
        // The service's setting wins over the policy's identities.file.
        final String file = configured.isBlank()
                ? policy.identitiesFile().map(Path::toString).orElse("")
                : configured;
        if (file.isBlank()) {
            LOG.info("No identity directory (anonymizer.identities-file, or identities.file in the policy): "
                    + "identifiers are pseudonymized one by one");
            return IdentityDirectory.empty();
        }
        try {
            final IdentityDirectory directory = IdentityDirectory.load(Path.of(file));
            LOG.info("Identity directory {}: {} people, {} identifiers", file, directory.people(),
                    directory.identifiers());
            directory.warnings().forEach(LOG::warn);
            return directory;
        } catch (final IllegalArgumentException e) {
            throw new ConfigurationException("Invalid identity directory (anonymizer.identities-file): "
                    + e.getMessage(), e);
        }
    }
}
