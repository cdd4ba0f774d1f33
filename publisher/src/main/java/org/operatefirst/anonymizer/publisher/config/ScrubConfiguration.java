package org.operatefirst.anonymizer.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Limits on what is scrubbed.
 *
 * @param maxRecordBytes {@code anonymizer.scrub.max-record-bytes}: larger raw values go to quarantine; default
 *                       1 MiB, the default maximum message size of Kafka
 * @param passedHeaders  {@code anonymizer.scrub.passed-headers}: incoming record headers passed on to the tiers,
 *                       their values scrubbed; every other header is dropped. Default {@code content-type}
 */
@ConfigurationProperties("anonymizer.scrub")
public record ScrubConfiguration(@Bindable(defaultValue = "1048576") int maxRecordBytes,
        @Bindable(defaultValue = "content-type") List<String> passedHeaders) {

    /** Validates the limit. */
    public ScrubConfiguration {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException(
                    "anonymizer.scrub.max-record-bytes must be at least 1, got " + maxRecordBytes);
        }
    }
}
