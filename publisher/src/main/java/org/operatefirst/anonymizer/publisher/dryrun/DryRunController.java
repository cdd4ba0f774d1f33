package org.operatefirst.anonymizer.publisher.dryrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.operatefirst.anonymizer.ingest.decode.DecodeResult;
import org.operatefirst.anonymizer.ingest.decode.TextDecoder;
import org.operatefirst.anonymizer.scrubbers.FindingCounts;
import org.operatefirst.anonymizer.scrubbers.RecordKind;
import org.operatefirst.anonymizer.scrubbers.ScrubResult;
import org.operatefirst.anonymizer.scrubbers.Tier;
import org.operatefirst.anonymizer.scrubbers.detect.FindingType;

/**
 * {@code POST /api/v1/scrub?kind=logs|events|metrics|alerts&tier=sanitized|public} with one raw record as the
 * body: answers {@code 200 {"output": ..., "findings": {"email": 1, ...}, "changes": [...]}} with the record as the tier would
 * publish it, or {@code 422 {"error": reason, "detail": ...}} when the topology would quarantine it,
 * {@code 413} when it is larger than {@code anonymizer.scrub.max-record-bytes}, {@code 400} for an unknown kind
 * or tier. Never touches Kafka and never logs the record. Pseudonyms are under a key of this process only
 * ({@link DryRunScrubbers}). {@code anonymizer.dry-run.enabled: false} turns it off.
 */
@Controller("/api/v1")
@Requires(property = DryRunController.ENABLED_PROPERTY, notEquals = "false")
final class DryRunController {

    /** Set to {@code false} to serve no dry run (default {@code true}). */
    static final String ENABLED_PROPERTY = "anonymizer.dry-run.enabled";
    /** The {@code error} of a request with a missing or unknown kind or tier. */
    static final String ERROR_BAD_REQUEST = "bad-request";

    private final DryRunScrubbers scrubbers;

    DryRunController(final DryRunScrubbers scrubbers) {
        this.scrubbers = scrubbers;
    }

    /**
     * Scrubs one record.
     *
     * @param kind   the record kind, as in the raw topic's name
     * @param tier   {@code sanitized} or {@code public}
     * @param record the raw record, bytes as a collector would write them to Kafka
     * @return the scrubbed record and its findings, or why it would be quarantined
     */
    @Post(value = "/scrub", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> scrub(@QueryValue @Nullable final String kind, @QueryValue @Nullable final String tier,
            @Body @Nullable final byte[] record) {
        final Optional<RecordKind> recordKind = kind == null ? Optional.empty() : RecordKind.fromName(kind);
        if (recordKind.isEmpty()) {
            return HttpResponse.badRequest(new Failure(ERROR_BAD_REQUEST,
                    "the query parameter kind must be logs, events, metrics or alerts"));
        }
        final Optional<Tier> outputTier = Tier.fromLabel(tier);
        if (outputTier.isEmpty()) {
            return HttpResponse.badRequest(new Failure(ERROR_BAD_REQUEST,
                    "the query parameter tier must be sanitized or public"));
        }
        final byte[] value = record == null ? new byte[0] : record;
        if (value.length > scrubbers.maxRecordBytes()) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(new Failure(
                    TextDecoder.REASON_TOO_LARGE, "the record has " + value.length + " bytes, more than the limit of "
                            + scrubbers.maxRecordBytes() + " (anonymizer.scrub.max-record-bytes)"));
        }
        final String text;
        switch (scrubbers.decoder(recordKind.get()).decode(value)) {
            case DecodeResult.Decoded decoded -> text = decoded.text();
            case DecodeResult.Rejected rejected -> {
                return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                        .body(new Failure(rejected.reason(), rejected.detail()));
            }
        }
        return switch (scrubbers.forTier(outputTier.get()).scrub(recordKind.get(), text)) {
            case ScrubResult.Scrubbed scrubbed -> HttpResponse.ok(new Scrubbed(scrubbed.output(),
                    findings(scrubbed.findings()), ChangeSpans.between(text, scrubbed.output())));
            case ScrubResult.Failed failed -> HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new Failure(failed.reason(), failed.detail()));
        };
    }

    /** The counts by type, named as in the {@code af} (findings) header of published records. */
    private static Map<String, Integer> findings(final FindingCounts counts) {
        final Map<String, Integer> named = new LinkedHashMap<>();
        for (final Map.Entry<FindingType, Integer> entry : counts.asMap().entrySet()) {
            named.put(entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue());
        }
        return named;
    }

    /**
     * The answer for a record that was scrubbed.
     *
     * @param output   the record as the tier would publish it
     * @param findings what was rewritten, by type
     * @param changes  where the output differs from the input, typed by the replacement's shape ({@link ChangeSpans})
     */
    record Scrubbed(String output,
            // Micronaut leaves empty values out by default; an empty object says "nothing found".
            @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Integer> findings,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<ChangeSpans.Change> changes) {
    }

    /**
     * The answer for a record that would not be published.
     *
     * @param error  the quarantine reason, or {@value #ERROR_BAD_REQUEST}
     * @param detail a human-readable explanation, free of record data
     */
    record Failure(String error, String detail) {
    }
}
