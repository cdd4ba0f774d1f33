package org.operatefirst.anonymizer.ingest.http;

import java.util.Map;
import org.operatefirst.anonymizer.scrubbers.RecordKind;

/**
 * What the receivers need from the service that runs them: how to reach Kafka and where each kind goes. The
 * service (the publisher module) provides exactly one bean of this type; ingest does not depend on it.
 */
public interface IngestKafka {

    /**
     * Client properties for the receivers' producer: bootstrap servers and whatever else every client of the
     * service uses (security, TLS). The receivers add their own producer settings on top.
     *
     * @return a new mutable map
     */
    Map<String, Object> producerProperties();

    /**
     * The raw topic a kind is produced to.
     *
     * @param kind the record kind
     * @return for example {@code raw.logs}
     */
    String rawTopic(RecordKind kind);

    /**
     * Whether the service runs on the embedded development broker rather than a configured cluster. Decides
     * whether the receivers may run without tokens (ADR-0012).
     *
     * @return true for the embedded broker
     */
    boolean embeddedBroker();
}
