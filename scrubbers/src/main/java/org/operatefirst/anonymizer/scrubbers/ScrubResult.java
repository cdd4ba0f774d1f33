package org.operatefirst.anonymizer.scrubbers;

import java.util.Objects;

/**
 * The outcome of scrubbing one record. Scrubbing never throws on data: input it cannot handle comes back as
 * {@link Failed}, which the caller routes to quarantine.
 */
public sealed interface ScrubResult permits ScrubResult.Scrubbed, ScrubResult.Failed {

    /**
     * The record was scrubbed.
     *
     * @param output   the rewritten record, in the input's format
     * @param findings what was found and rewritten
     */
    record Scrubbed(String output, FindingCounts findings) implements ScrubResult {
        /** Validates the components. */
        public Scrubbed {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(findings, "findings");
        }
    }

    /**
     * The record could not be scrubbed; it must not be published.
     *
     * @param reason a short, stable, machine-readable reason, for example {@code "too-large"}
     * @param detail a human-readable explanation that never contains record data
     */
    record Failed(String reason, String detail) implements ScrubResult {
        /** Validates the components. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
