package org.operatefirst.anonymizer.ingest.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import org.operatefirst.anonymizer.ingest.receive.Limits;

/**
 * Configuration of the HTTP receivers, {@code anonymizer.ingest.*}.
 *
 * @param enabled              {@code anonymizer.ingest.enabled}: whether the receivers run, default true
 * @param tokensFile           {@code anonymizer.ingest.tokens-file}: the collectors' bearer tokens, one
 *                             {@code name<TAB>token} per line (a mounted Secret); unset: no tokens
 * @param allowAnonymous       {@code anonymizer.ingest.allow-anonymous}: accept requests without a token from
 *                             anywhere, default false (ADR-0012)
 * @param maxRequestBytes      {@code anonymizer.ingest.max-request-bytes}: the largest body as sent, default
 *                             16 MiB; also the HTTP server's {@code micronaut.server.max-request-size}
 * @param maxDecodedBytes      {@code anonymizer.ingest.max-decoded-bytes}: the largest body after gzip or snappy,
 *                             default 64 MiB
 * @param maxRecordBytes       {@code anonymizer.ingest.max-record-bytes}: the largest record, default 1 MiB less
 *                             16 KiB, so a record with its key and headers fits the broker's default message size
 * @param maxRecordsPerRequest {@code anonymizer.ingest.max-records-per-request}: default 100000
 * @param maxJsonDepth         {@code anonymizer.ingest.max-json-depth}: default 64
 * @param deliveryTimeout      {@code anonymizer.ingest.delivery-timeout}: how long a request waits for the broker
 *                             to acknowledge its records before it is answered 503, default 10 s
 * @param retryAfter           {@code anonymizer.ingest.retry-after}: the {@code Retry-After} of 429 and 503
 *                             answers, default 5 s
 */
@ConfigurationProperties("anonymizer.ingest")
public record IngestConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable Path tokensFile,
        @Bindable(defaultValue = "false") boolean allowAnonymous,
        @Bindable(defaultValue = "16777216") int maxRequestBytes,
        @Bindable(defaultValue = "67108864") int maxDecodedBytes,
        @Bindable(defaultValue = "1032192") int maxRecordBytes,
        @Bindable(defaultValue = "100000") int maxRecordsPerRequest,
        @Bindable(defaultValue = "64") int maxJsonDepth,
        @Bindable(defaultValue = "10s") Duration deliveryTimeout,
        @Bindable(defaultValue = "5s") Duration retryAfter) {

    /** Validates every bound, naming the key at fault. */
    public IngestConfiguration {
        positive("max-request-bytes", maxRequestBytes);
        positive("max-decoded-bytes", maxDecodedBytes);
        positive("max-record-bytes", maxRecordBytes);
        positive("max-records-per-request", maxRecordsPerRequest);
        positive("max-json-depth", maxJsonDepth);
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("anonymizer.ingest.delivery-timeout must be at least 100ms, got "
                    + deliveryTimeout);
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("anonymizer.ingest.retry-after must not be negative, got "
                    + retryAfter);
        }
    }

    private static void positive(final String key, final int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("anonymizer.ingest." + key + " must be positive, got " + value);
        }
    }

    /**
     * The bounds of one request.
     *
     * @return the limits
     */
    public Limits limits() {
        return new Limits(maxDecodedBytes, maxRecordBytes, maxRecordsPerRequest, maxJsonDepth);
    }
}
