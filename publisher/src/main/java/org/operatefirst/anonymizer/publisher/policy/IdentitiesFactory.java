package org.operatefirst.anonymizer.publisher.policy;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
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
    IdentitySource identitySource(@Value("${anonymizer.identities-file:}") final String configured,
            final DataPolicy policy) {
        // The service's setting wins over the policy's identities.file.
        final String file = configured.isBlank()
                ? policy.identitiesFile().map(Path::toString).orElse("")
                : configured;
        if (file.isBlank()) {
            return IdentitySource.NONE;
        }
        try {
            return new IdentitySource(file, Files.readAllBytes(Path.of(file)));
        } catch (final IOException e) {
            throw new ConfigurationException("Cannot read the identity directory (anonymizer.identities-file) "
                    + file + ": " + e.getMessage(), e);
        }
    }

    @Singleton
    IdentityDirectory identityDirectory(final IdentitySource source) {
        if (source.name().isEmpty()) {
            LOG.info("No identity directory (anonymizer.identities-file, or identities.file in the policy): "
                    + "identifiers are pseudonymized one by one, and people of the identities topic are added");
            return IdentityDirectory.empty();
        }
        try {
            final IdentityDirectory directory = IdentityDirectory.parse(source.bytes(), source.name());
            LOG.info("Identity directory {}: {} people, {} identifiers", source.name(), directory.people(),
                    directory.identifiers());
            directory.warnings().forEach(LOG::warn);
            return directory;
        } catch (final IllegalArgumentException e) {
            throw new ConfigurationException("Invalid identity directory (anonymizer.identities-file): "
                    + e.getMessage(), e);
        }
    }
}
