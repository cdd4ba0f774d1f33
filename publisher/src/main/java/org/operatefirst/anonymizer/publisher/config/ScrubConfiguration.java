package org.operatefirst.anonymizer.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Limits on what is scrubbed.
 *
 * @param maxRecordBytes {@code anonymizer.scrub.max-record-bytes}: larger raw values go to quarantine; default
 *                       1 MiB, the default maximum message size of Kafka
 */
@ConfigurationProperties("anonymizer.scrub")
public record ScrubConfiguration(@Bindable(defaultValue = "1048576") int maxRecordBytes) {

    /** Validates the limit. */
    public ScrubConfiguration {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException(
                    "anonymizer.scrub.max-record-bytes must be at least 1, got " + maxRecordBytes);
        }
    }
}
