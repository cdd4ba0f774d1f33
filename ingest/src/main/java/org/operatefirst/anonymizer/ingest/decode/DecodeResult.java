package org.operatefirst.anonymizer.ingest.decode;

import java.util.Objects;

/** The outcome of decoding one raw record value. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    /**
     * The value decoded to text.
     *
     * @param text the record's text, without a trailing line terminator
     */
    record Decoded(String text) implements DecodeResult {
        /** Validates the component. */
        public Decoded {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The value cannot be decoded; it must go to quarantine.
     *
     * @param reason a short, stable, machine-readable reason
     * @param detail a human-readable explanation that never contains record data
     */
    record Rejected(String reason, String detail) implements DecodeResult {
        /** Validates the components. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
