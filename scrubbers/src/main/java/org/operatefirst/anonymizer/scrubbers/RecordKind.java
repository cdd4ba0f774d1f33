package org.operatefirst.anonymizer.scrubbers;

import java.util.Locale;
import java.util.Optional;

/** The kinds of operational data the pipeline carries; each has its own raw, sanitized and public topic. */
public enum RecordKind {
    /** Application and platform log lines, plain text or collector JSON envelopes. */
    LOGS,
    /** Kubernetes Events, core/v1 and events.k8s.io/v1. */
    EVENTS,
    /** Prometheus samples: exposition text or collector JSON. */
    METRICS,
    /** Alertmanager webhook payloads. */
    ALERTS;

    /**
     * The lower-case name used in topic names and on the command line, e.g. {@code logs}.
     *
     * @return the kind's topic suffix
     */
    public String topicSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a kind from its topic suffix, ignoring case.
     *
     * @param name for example {@code "logs"}
     * @return the kind, or empty if the name is not a kind
     */
    public static Optional<RecordKind> fromName(final String name) {
        for (final RecordKind kind : values()) {
            if (kind.topicSuffix().equalsIgnoreCase(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
