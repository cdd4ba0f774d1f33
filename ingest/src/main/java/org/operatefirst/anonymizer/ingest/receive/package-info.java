/**
 * What the HTTP receivers make of a request body, without HTTP or Kafka: each collector payload (Alertmanager
 * webhooks, log lines, Kubernetes Events) becomes a list of {@link org.operatefirst.anonymizer.ingest.receive.RawRecord
 * raw records} or a {@link org.operatefirst.anonymizer.ingest.receive.Received.Refused refusal} that names what is
 * wrong. Everything is bounded by {@link org.operatefirst.anonymizer.ingest.receive.Limits}; nothing throws on data.
 */
package org.operatefirst.anonymizer.ingest.receive;
