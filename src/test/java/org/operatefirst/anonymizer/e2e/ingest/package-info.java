/**
 * End-to-end tests of the HTTP receivers with real clients ({@code curl}, Prometheus) and a real broker,
 * including a broker that stops while data is being sent.
 */
package org.operatefirst.anonymizer.e2e.ingest;
