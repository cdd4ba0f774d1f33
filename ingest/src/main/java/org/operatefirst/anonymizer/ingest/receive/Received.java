package org.operatefirst.anonymizer.ingest.receive;

import java.util.List;
import java.util.Objects;

/** What a receiver made of a request body: the records to produce, or why it refuses the request. */
public sealed interface Received permits Received.Records, Received.Refused {

    /**
     * The request is valid; these records go to the raw topic, in this order.
     *
     * @param records the records; none only for a remote_write request whose series hold no samples
     */
    record Records(List<RawRecord> records) implements Received {
        /** Copies the list. */
        public Records {
            records = List.copyOf(records);
        }
    }

    /**
     * The request is refused. The collector must not retry it unchanged: it is malformed or too large.
     *
     * @param status an HTTP status: 400, 413 or 415
     * @param error  a short, stable, machine-readable code, for example {@code bad_json}
     * @param detail a human-readable explanation that names what is wrong and where (a line or element number),
     *               never quoting the data
     */
    record Refused(int status, String error, String detail) implements Received {
        /** Validates the components. */
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A 400 refusal.
     *
     * @param error  the code
     * @param detail the explanation
     * @return the refusal
     */
    static Refused badRequest(final String error, final String detail) {
        return new Refused(400, error, detail);
    }
}
