package org.operatefirst.anonymizer.publisher.policy;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.operatefirst.anonymizer.scrubbers.ScrubPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Provides the data policy: {@code anonymizer.policy-file} if set, else the bundled default. */
@Factory
final class PolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFactory.class);

    @Singleton
    DataPolicy dataPolicy(@Value("${anonymizer.policy-file:}") final String file) {
        try {
            final DataPolicy policy = file.isBlank()
                    ? PolicyFile.defaultDataPolicy()
                    : PolicyFile.loadDataPolicy(Path.of(file));
            LOG.info("Data policy {} from {}", policy.version(), file.isBlank() ? "the bundled default" : file);
            return policy;
        } catch (final IllegalArgumentException e) {
            throw new ConfigurationException("Invalid data policy (anonymizer.policy-file): " + e.getMessage(), e);
        }
    }

    @Singleton
    ScrubPolicy scrubPolicy(final DataPolicy policy) {
        return policy.scrub();
    }

    @Singleton
    PublicationPolicy publicationPolicy(final DataPolicy policy) {
        return policy.publish();
    }
}
