package org.operatefirst.anonymizer.publisher.canary;

import java.util.List;
import org.operatefirst.anonymizer.scrubbers.detect.KubeSpawnerEscape;

/**
 * One synthetic identity, written into a raw log record: a fictional user's email address (in the reserved
 * {@code example.org} domain), the escaped pod name KubeSpawner would give that user, and an address from the
 * documentation range 192.0.2.0/24. None may ever appear as written in a sanitized or public record.
 *
 * @param id the canary's identifier, which survives scrubbing: {@code anonymizer-canary-<run>-<sequence>}
 * @param sequence the canary's number in this run
 */
record Canary(String id, long sequence) {

    /** What every canary record starts with, so readers of the public dataset can filter canaries out. */
    static final String MARKER = "anonymizer-canary";

    /**
     * The canary of a run and sequence number.
     *
     * @param run      a random identifier of this service instance's run
     * @param sequence the canary's number
     * @return the canary
     */
    static Canary of(final String run, final long sequence) {
        return new Canary(MARKER + "-" + run + "-" + sequence, sequence);
    }

    /** The fictional user's email address. */
    String email() {
        return "canary." + id.substring(MARKER.length() + 1) + "@example.org";
    }

    /** An address of the documentation range that varies with the sequence number. */
    String address() {
        return "192.0.2." + (1 + sequence % 254);
    }

    /** The pod name KubeSpawner would give the user. */
    String pod() {
        return "jupyterhub-nb-" + KubeSpawnerEscape.escape(email());
    }

    /** The raw log line, shaped like a JupyterHub log line. */
    String record() {
        return MARKER + " " + id + ": [I JupyterHub log:189] 200 GET /hub/spawn-pending/" + email() + " ("
                + email() + "@" + address() + ") pod " + pod();
    }

    /** Every identifier of the canary as written, and its percent-encoded form: none may appear downstream. */
    List<String> identifiers() {
        return List.of(email(), email().replace("@", "%40"), address(), pod());
    }
}
