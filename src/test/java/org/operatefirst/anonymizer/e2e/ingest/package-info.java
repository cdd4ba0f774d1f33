/**
 * End-to-end tests of the collector-facing edge on a real broker: the HTTP receivers with real clients
 * ({@code curl}, Prometheus), including a broker that stops while data is being sent, and collectors that write
 * into the raw topics themselves, produced and read back with {@code kcat}.
 */
package org.operatefirst.anonymizer.e2e.ingest;
