package org.operatefirst.anonymizer.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * Where the pseudonymization master secret comes from. Exactly one of {@code secret-file} and {@code secret} may
 * be set; with neither, the service generates a secret under {@code anonymizer.data-dir}, but only when it runs
 * on the embedded broker.
 *
 * @param secretFile {@code anonymizer.keys.secret-file} ({@code ANONYMIZER_KEYS_SECRET_FILE}): a file holding at
 *                   least 32 bytes, raw or as base64 text, for example a mounted Kubernetes Secret
 * @param secret     {@code anonymizer.keys.secret} ({@code ANONYMIZER_KEYS_SECRET}): the secret as base64 text
 * @param epoch      {@code anonymizer.keys.epoch}: the release epoch of the public tier's keys, for example the
 *                   year of a release; public pseudonyms are stable within an epoch and unlinkable across epochs
 */
@ConfigurationProperties("anonymizer.keys")
public record KeysConfiguration(
        @Nullable Path secretFile,
        @Nullable String secret,
        @Bindable(defaultValue = "2026") int epoch) {

    /** Validates that at most one source is set and that the epoch is not negative. */
    public KeysConfiguration {
        if (secretFile != null && secret != null && !secret.isBlank()) {
            throw new IllegalArgumentException(
                    "set only one of anonymizer.keys.secret-file and anonymizer.keys.secret, not both");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("anonymizer.keys.epoch must not be negative, got " + epoch);
        }
    }

    /** Hides the secret. */
    @Override
    public String toString() {
        return "KeysConfiguration[secretFile=" + secretFile + ", secret=" + (secret == null ? "unset" : "set")
                + ", epoch=" + epoch + "]";
    }
}
